/**
 * The fuzz driver: builds the seeds once, then runs seeded cases (`seed`, case index)
 * until `cases` or `durationMs` is reached, each in a fresh sandbox, and checks the
 * invariants of issue 11 on every outcome: errors are one-line UserErrors (no raw
 * TypeError, no stack), no case runs past its timeout, memory stays bounded, nothing is
 * written outside the case's output and state directories, no temp file is left.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { readBundleHead } from '../../src/bundle/format.js';
import { makeBundle, makeSigner } from '../../src/bundle/testdata/fixtures.js';
import { isStackOverflow } from '../../src/system/failures.js';
import { Random } from './random.js';
import { filesUnder, makeCase, type Run, type Sandbox, type Seeds } from './targets.js';

export interface FuzzOptions {
  seed: number;
  cases?: number;
  durationMs?: number;
  /** Every Nth case runs the built CLI instead of the in-process service (0: never). */
  cliEvery?: number;
  /** Time one case may take before it counts as a hang. */
  caseTimeoutMs?: number;
  /** Only this case index (reproducing a finding); its input is kept. */
  only?: number;
  /** Where findings' inputs are copied. */
  keepDir?: string;
  onCase?: (report: CaseReport) => void;
  /** Called as a case starts (a watchdog outside the event loop catches synchronous hangs). */
  onCaseStart?: (index: number, target: string) => void;
  /** Checked between cases: true ends the run early, with its summary (Ctrl-C in scripts/fuzz). */
  shouldStop?: () => boolean;
}

export interface CaseReport {
  index: number;
  target: string;
  outcome: 'ok' | 'error' | 'finding';
  finding?: string;
  /** The one-line error the input got, when it got one. */
  error?: string;
  ms: number;
  kept?: string;
}

export interface FuzzSummary {
  seed: number;
  ran: number;
  findings: CaseReport[];
  byTarget: Record<string, number>;
}

const RSS_LIMIT = 1024 * 1024 * 1024;
const CLI_RSS_LIMIT = 512 * 1024 * 1024;

async function buildSeeds(root: string): Promise<Seeds> {
  const signer = await makeSigner(root, 'publisher');
  const bundleFile = join(root, 'seed.airlock');
  await makeBundle(bundleFile, signer, { kevLimit: 40, sequence: 7 });
  const handle = await open(bundleFile, 'r');
  const head = await readBundleHead(bundleFile, handle).finally(() => handle.close());
  return {
    bundle: readFileSync(bundleFile),
    bundleFile,
    keyFile: signer.keyFile,
    pubFile: signer.pubFile,
    signer,
    payloadOffset: head.payloadOffset,
  };
}

/** What is wrong with an outcome, or undefined when it is one airlock promises. */
export function judge(run: Run): string | undefined {
  if (run.via === 'cli') {
    if (run.killed) return 'the CLI ran past its 30 s budget';
    // NO_COLOR is set: not one control character but newline and tab may reach the terminal.
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(run.stdout + run.stderr);
    if (raw)
      return `a raw control character U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} reached the terminal`;
    if (run.peakRssBytes > CLI_RSS_LIMIT) return `the CLI peaked at ${Math.round(run.peakRssBytes / 2 ** 20)} MiB`;
    if (run.code === null || ![0, 1].includes(run.code))
      return `the CLI exited ${run.code}: ${run.stderr.slice(0, 300)}`;
    if (/internal error|^\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) return `raw failure: ${run.stderr.slice(0, 300)}`;
    if (run.code === 1 && !/^error: \S/.test(run.stderr))
      return `exit 1 without an error line: ${run.stderr.slice(0, 200)}`;
    return undefined;
  }
  if (run.error === undefined) return undefined;
  const err = run.error as Error;
  // The CLI turns a stack overflow into "nested too deeply" (src/commands/base-command.ts).
  if (isStackOverflow(err)) return undefined;
  if (!(err instanceof UserError)) return `raw ${err?.name ?? typeof err}: ${err?.message ?? String(err)}`;
  if (!err.message.trim() || /[\n\r]/.test(err.message))
    return `not a one-line message: ${JSON.stringify(err.message)}`;
  return undefined;
}

/** Files a case left where it may not write: anything but its output and state directories, or a temp file. */
function strayFiles(box: Sandbox, inputFiles: string[], tmp: string): string[] {
  const stray = filesUnder(box.input).filter((f) => !inputFiles.includes(f));
  // The process's own temp space stays (it is removed at exit), empty between cases.
  const temp = filesUnder(tmp).filter((f) => !/^airlock-\d+-\d+-\w{6}\/$/.test(f));
  return [...stray.map((f) => `input dir: ${f}`), ...temp.map((f) => `TMPDIR: ${f}`)];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const root = mkdtempSync(join(tmpdir(), 'airlock-fuzz-'));
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  const savedTmp = process.env.TMPDIR;
  const seeds = await buildSeeds(root);
  // Every temp file airlock makes from here on lands where the invariants look.
  process.env.TMPDIR = tmp;
  const summary: FuzzSummary = { seed: options.seed, ran: 0, findings: [], byTarget: {} };
  const deadline = options.durationMs ? Date.now() + options.durationMs : Infinity;
  const total = options.cases ?? (options.durationMs ? Infinity : 100);
  try {
    for (let index = options.only ?? 0; index < total && Date.now() < deadline && !options.shouldStop?.(); index++) {
      const report = await runCase(index, options, seeds, root, tmp);
      summary.ran++;
      summary.byTarget[report.target] = (summary.byTarget[report.target] ?? 0) + 1;
      if (report.outcome === 'finding') summary.findings.push(report);
      options.onCase?.(report);
      if (options.only !== undefined) break;
    }
  } finally {
    process.env.TMPDIR = savedTmp;
    if (savedTmp === undefined) delete process.env.TMPDIR;
    rmSync(root, { recursive: true, force: true });
  }
  return summary;
}

async function runCase(
  index: number,
  options: FuzzOptions,
  seeds: Seeds,
  root: string,
  tmp: string,
): Promise<CaseReport> {
  const r = new Random((options.seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const dir = join(root, `case-${index}`);
  const box: Sandbox = { input: join(dir, 'in'), out: join(dir, 'out'), home: join(dir, 'home') };
  for (const d of Object.values(box)) mkdirSync(d, { recursive: true });
  const viaCli = !!options.cliEvery && index % options.cliEvery === options.cliEvery - 1;
  const started = Date.now();
  const c = await makeCase(r, seeds, box, viaCli);
  options.onCaseStart?.(index, c.target);
  const inputFiles = filesUnder(box.input);
  // Node prints process warnings to stderr as they are, outside our one-line errors and the output guard.
  const nodeWarnings: Error[] = [];
  const onWarning = (w: Error) => nodeWarnings.push(w);
  process.on('warning', onWarning);
  const limit = options.caseTimeoutMs ?? 30_000;
  const cpuBefore = process.cpuUsage();
  const running = c.run();
  let result = await withTimeout(running, limit);
  // On a shared machine a case can be starved of CPU: past the wall-clock limit it is given
  // more time, and it is a hang only if it has burnt the limit in CPU time or never ends.
  if (result === 'timeout') {
    const late = await withTimeout(running, 3 * limit);
    const cpu = process.cpuUsage(cpuBefore);
    if (late !== 'timeout' && (cpu.user + cpu.system) / 1000 < limit) result = late;
  }
  // emitWarning delivers on a later tick than the promise that settled the case.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  const ms = Date.now() - started;
  let finding = result === 'timeout' ? `no result after ${ms} ms` : judge(result);
  if (!finding && nodeWarnings.length)
    finding = `a Node warning reached stderr: ${nodeWarnings[0].name}: ${nodeWarnings[0].message.split('\n')[0]}`;
  if (!finding && result !== 'timeout') {
    const stray = strayFiles(box, inputFiles, tmp);
    if (stray.length) finding = `left files behind: ${stray.join(', ')}`;
    else if (process.memoryUsage().rss > RSS_LIMIT)
      finding = `resident memory ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB after the case`;
  }
  const report: CaseReport = {
    index,
    target: c.target,
    outcome: finding ? 'finding' : result !== 'timeout' && result.via === 'service' && result.error ? 'error' : 'ok',
    finding,
    error:
      result !== 'timeout' && result.via === 'service' && result.error
        ? String((result.error as Error).message)
        : undefined,
    ms,
  };
  if ((finding || options.only !== undefined) && options.keepDir) {
    mkdirSync(options.keepDir, { recursive: true });
    report.kept = join(options.keepDir, `seed${options.seed}-case${index}-${c.input.split('/').pop()}`);
    copyFileSync(c.input, report.kept);
  }
  // A hung case keeps running in the background; its sandbox stays until the run ends.
  if (result !== 'timeout') rmSync(dir, { recursive: true, force: true });
  return report;
}
