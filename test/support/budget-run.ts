import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The budgets of issue 11: any input under 10 MB ends within 30 s and 512 MB peak RSS. */
export const BUDGET = { wallSeconds: 30, peakRssBytes: 512 * 1024 * 1024 };

export interface BudgetRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set of the CLI process (all its threads), as GNU time reads it from wait4(). */
  peakRssBytes: number;
  wallSeconds: number;
  /** Whether the wall-clock limit killed it. */
  killed: boolean;
}

const TIME = '/usr/bin/time';

/**
 * Runs the real CLI (`node bin/run.js ARGS`, over dist/) under GNU time, killed with
 * SIGKILL at the wall-clock budget (exit 124, `killed`). Peak RSS comes from the kernel's accounting of the
 * exited process (ru_maxrss), not from sampling, so a short spike is not missed.
 */
export function runCliMeasured(args: string[], env: Record<string, string> = {}): BudgetRun {
  if (!existsSync(TIME))
    throw new Error(`${TIME} is missing: install Debian's "time" package (.ci/install-oracles.sh does)`);
  const dir = mkdtempSync(join(tmpdir(), 'airlock-budget-'));
  const report = join(dir, 'time.txt');
  const started = process.hrtime.bigint();
  try {
    // timeout(1) kills node itself at the budget; time(1) above it gets node's peak RSS through wait4().
    const command = [
      '-f',
      '%M',
      '-o',
      report,
      'timeout',
      '--signal=KILL',
      String(BUDGET.wallSeconds),
      process.execPath,
      'bin/run.js',
      ...args,
    ];
    const result = spawnSync(TIME, command, {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: (BUDGET.wallSeconds + 15) * 1000, // a backstop only
      killSignal: 'SIGKILL',
      maxBuffer: 64 << 20,
      env: { ...process.env, AIRLOCK_HOME: dir, NO_COLOR: '1', ...env },
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const killed = result.status === 124 || result.status === 137 || result.signal === 'SIGKILL';
    const kib = !existsSync(report) ? NaN : Number(readFileSync(report, 'utf8').trim().split('\n').pop());
    return {
      code: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      peakRssBytes: kib * 1024,
      wallSeconds,
      killed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
