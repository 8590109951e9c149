/**
 * `scripts/fuzz` in TypeScript (loaded through Vite's module runner, as the tests are):
 *   scripts/fuzz [--seed N] [--cases M | --duration 2h] [--cli-every K] [--case I] [--keep DIR] [--verbose]
 * Prints one line per finding (and per case with --verbose), then a summary (Ctrl-C ends
 * the run after the current case, with its summary); exits 1 when anything was found. `--case I` reruns one case of a seed and keeps its input.
 */
import { spawn } from 'node:child_process';
import { runFuzz, type CaseReport } from './run.js';

/**
 * A separate process that kills this one when a case gives no sign of life for `ms`: a
 * synchronous loop in airlock would stop the in-process timeout too. It prints the case.
 */
function watchdog(ms: number, seed: number) {
  const code = `let t, last = '';
    const arm = () => { clearTimeout(t); t = setTimeout(() => {
      process.stdout.write('FINDING ' + last + ': no result after ${ms} ms (a synchronous hang); the fuzzer was killed\\n');
      try { process.kill(${process.pid}, 'SIGKILL'); } catch {}
      process.exit(1);
    }, ${ms}); };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d) => { last = d.trim().split('\\n').pop(); arm(); });
    process.stdin.on('end', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'inherit', 'inherit'] });
  return {
    ping: (index: number, target: string) => child.stdin.write(`seed ${seed} case ${index} (${target})\n`),
    stop: () => child.stdin.end(),
  };
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `90s`, `30m`, `4h`, or milliseconds. */
function duration(text: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!m) throw new Error(`--duration ${text}: expected e.g. 90s, 30m, 4h`);
  return Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6 }[m[2] ?? 'ms']!;
}

export async function main(args: string[]): Promise<number> {
  const seed = Number(flag(args, 'seed') ?? Date.now() % 1e9);
  const only = flag(args, 'case');
  const durationText = flag(args, 'duration');
  const verbose = args.includes('--verbose');
  const line = (r: CaseReport) =>
    `case ${r.index} ${r.target} ${r.outcome} ${r.ms} ms${r.finding ? `: ${r.finding}` : verbose && r.error ? `: ${r.error.slice(0, 160)}` : ''}${r.kept ? ` (kept ${r.kept})` : ''}`;
  const started = Date.now();
  const dog = watchdog(90_000, seed);
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  const summary = await runFuzz({
    seed,
    cases: flag(args, 'cases') ? Number(flag(args, 'cases')) : undefined,
    durationMs: durationText ? duration(durationText) : undefined,
    cliEvery: Number(flag(args, 'cli-every') ?? 50),
    only: only === undefined ? undefined : Number(only),
    keepDir: flag(args, 'keep') ?? (only === undefined ? undefined : '.fuzz'),
    shouldStop: () => stopping,
    onCaseStart: (index, target) => dog.ping(index, target),
    onCase: (r) => {
      if (verbose || r.outcome === 'finding') process.stdout.write(`${line(r)}\n`);
    },
  });
  dog.stop();
  const targets = Object.entries(summary.byTarget)
    .sort()
    .map(([t, n]) => `  ${t}: ${n}`)
    .join('\n');
  process.stdout.write(
    `seed ${seed}: ${summary.ran} cases in ${Math.round((Date.now() - started) / 1000)} s, ${summary.findings.length} findings\n${targets}\n`,
  );
  return summary.findings.length ? 1 : 0;
}
