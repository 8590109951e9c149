/**
 * Issue 11, leftovers: Ctrl-C (SIGINT), SIGTERM or SIGHUP in the middle of a scan leave
 * no spilled jar or rpm database behind, and the process exits 128 + the signal's number;
 * after `kill -9`, the next run sweeps the dead process's temp directory, while the
 * directory of a live airlock process is kept. The real CLI, TMPDIR pointed at a
 * directory of this test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildRpms, sqliteRpmDb, type RpmFixture } from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import { pomProperties, zipOf } from './support/hostile-inputs.js';
import { dockerClassicTar, tempDir, writeTemp, type TreeEntry } from './support/image-builder.js';

const cli = join(process.cwd(), 'bin/run.js');
let rpms: RpmFixture;
let image: string;

/** Hundreds of jars (each spilled while its central directory is read) beside a real rpmdb.sqlite. */
beforeAll(async () => {
  rpms = buildRpms();
  const rpmdb = readFileSync(sqliteRpmDb(rpms, Object.keys(rpms.rpms)));
  const jars: TreeEntry[] = Array.from({ length: 600 }, (_, i) => ({
    path: `opt/lib/lib-${i}.jar`,
    content: zipOf([
      pomProperties('org.example', `lib-${i}`, `1.${i}.0`),
      { name: 'blob', content: randomBytes(48 << 10) },
    ]),
  }));
  image = writeTemp(
    await dockerClassicTar({ layers: [[{ path: 'var/lib/rpm/rpmdb.sqlite', content: rpmdb }, ...jars]] }),
    'spilling.tar',
  );
}, 120_000);

afterAll(() => rpms?.cleanup());

function start(tmp: string): ChildProcess {
  return spawn(
    process.execPath,
    [cli, 'sbom', image, '--format', 'json', '-o', join(tempDir('airlock-out-'), 'sbom.json')],
    {
      env: { ...process.env, TMPDIR: tmp, AIRLOCK_HOME: tempDir('airlock-home-') },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

/** The files in the process's temp directories under `tmp` (spilled copies), if any. */
function spilled(tmp: string): string[] {
  return readdirSync(tmp).flatMap((d) => {
    try {
      return readdirSync(join(tmp, d)).map((f) => `${d}/${f}`);
    } catch {
      return [];
    }
  });
}

/**
 * Stops the process at a moment a spilled copy exists (SIGSTOP, look, SIGCONT until
 * one is seen), then sends `signal` while it is stopped, so the signal lands mid-scan.
 */
async function signalWhileSpilled(child: ChildProcess, tmp: string, signal: NodeJS.Signals): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
    if (child.exitCode !== null) throw new Error(`the scan ended (exit ${child.exitCode}) before a spill was seen`);
    child.kill('SIGSTOP');
    const seen = spilled(tmp);
    if (seen.length) {
      child.kill(signal);
      if (signal !== 'SIGSTOP') child.kill('SIGCONT');
      return seen;
    }
    child.kill('SIGCONT');
  }
  throw new Error('no spilled copy appeared within 60 s');
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a signal mid-scan', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    it(`${signal}: exits ${code} and leaves TMPDIR empty`, async () => {
      const tmp = tempDir('airlock-signal-tmp-');
      const child = start(tmp);
      const done = exited(child);
      const seen = await signalWhileSpilled(child, tmp, signal);
      expect(seen[0]).toMatch(new RegExp(`^airlock-${child.pid}-\\d+-\\w{6}/\\d+-(lib-\\d+\\.jar|rpmdb\\.sqlite)$`));
      const { code: status, stderr } = await done;
      expect(stderr).not.toMatch(/error|at .*\.js:\d+/);
      expect(status).toBe(code);
      expect(readdirSync(tmp)).toEqual([]);
    }, 90_000);
});

function sweepRun(tmp: string) {
  // Any command sweeps at start; `db status` touches no image.
  const result = spawnSync(process.execPath, [cli, 'db', 'status'], {
    env: { ...process.env, TMPDIR: tmp, AIRLOCK_HOME: tempDir('airlock-home-') },
    encoding: 'utf8',
  });
  expect(result.stderr).not.toMatch(/internal error/);
}

describe('leftovers of dead processes', () => {
  it('after kill -9, the next run sweeps the dead process’s directory', async () => {
    const tmp = tempDir('airlock-kill9-tmp-');
    const victim = start(tmp);
    const victimDone = exited(victim);
    await signalWhileSpilled(victim, tmp, 'SIGKILL');
    await victimDone;
    expect(readdirSync(tmp)).toEqual([expect.stringMatching(new RegExp(`^airlock-${victim.pid}-\\d+-\\w{6}$`))]);
    expect(spilled(tmp).length).toBeGreaterThan(0);
    sweepRun(tmp);
    expect(readdirSync(tmp)).toEqual([]);
  }, 90_000);

  it('keeps the directory of a live process, and sweeps one whose pid was reused by a later process', async () => {
    const tmp = tempDir('airlock-live-tmp-');
    const live = start(tmp);
    const liveDone = exited(live);
    await signalWhileSpilled(live, tmp, 'SIGSTOP');
    const [liveDir] = readdirSync(tmp);
    expect(liveDir).toMatch(new RegExp(`^airlock-${live.pid}-\\d+-\\w{6}$`));
    // The same pid with another start time: a process that died, its pid since given to this one.
    const reused = liveDir.replace(/^(airlock-\d+-)\d+/, (_, head: string) => `${head}1`);
    mkdirSync(join(tmp, reused));
    // Not ours: names that only look alike are left alone.
    mkdirSync(join(tmp, 'airlock-notes'));
    sweepRun(tmp);
    expect(readdirSync(tmp).sort()).toEqual(['airlock-notes', liveDir].sort());
    expect(spilled(tmp).some((f) => f.startsWith(`${liveDir}/`))).toBe(true);

    live.kill('SIGTERM');
    live.kill('SIGCONT');
    expect((await liveDone).code).toBe(143);
    expect(readdirSync(tmp)).toEqual(['airlock-notes']);
    rmSync(tmp, { recursive: true, force: true });
  }, 90_000);
});

describe('a signal during db import', () => {
  it('SIGTERM while the database is being unpacked: exit 143, no .import-*.tmp and no lock left in AIRLOCK_HOME', async () => {
    // The unpacking takes a fraction of a second: tried until the signal lands inside it.
    for (let attempt = 0; attempt < 10; attempt++) {
      const home = tempDir('airlock-import-home-');
      const child = spawn(process.execPath, [cli, 'db', 'import', 'bundles/sample'], {
        env: { ...process.env, AIRLOCK_HOME: home, AIRLOCK_ALLOW_DEMO_KEY: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const done = exited(child);
      let caught = false;
      while (child.exitCode === null && !caught) {
        await new Promise((r) => setTimeout(r, 2));
        child.kill('SIGSTOP');
        caught = readdirSync(home).some((f) => /^\.import-\d+-\w+\.tmp$/.test(f));
        if (caught) child.kill('SIGTERM');
        child.kill('SIGCONT');
      }
      const { code } = await done;
      if (!caught) continue;
      expect(code).toBe(143);
      expect(readdirSync(home).filter((f) => /\.tmp|-journal$|^db\.lock$/.test(f))).toEqual([]);
      return;
    }
    throw new Error('db import never seen mid-way in 10 tries');
  }, 120_000);
});
