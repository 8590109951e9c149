/**
 * Two airlock processes at once on one AIRLOCK_HOME: `scan` (writes the snapshot store)
 * and `db import` (swaps the advisory database, then re-evaluates every stored snapshot,
 * writing the store). Real child processes of the built CLI. Neither may fail, corrupt
 * either database, or wait for the other longer than the store's busy timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sqlite3 from 'sqlite3';
import { matchSbomWithDatabase } from '../src/services/match.js';
import { generateSbom } from '../src/services/sbom.js';
import { BUSY_TIMEOUT_MS, openSnapshotStore } from '../src/store/open.js';
import { saveSnapshot } from '../src/store/save.js';
import { listStoredImages } from '../src/store/images.js';
import { cvesReport } from '../src/services/cves.js';
import { buildFeedBundle, stateWithSigner } from './store/support/bundles.js';
import { MINBASE } from './store/support/buildkit-spdx.js';
import { rmSync } from 'node:fs';

const root = process.cwd();
const cli = path.join(root, 'bin/run.js');
let work: string;
let home: string;
let bundle2: string;
const EXTRA = 40;

/** Newest modification time of the TypeScript sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** The built CLI must be current: these tests run `node bin/run.js`, which loads dist/. */
function ensureBuilt(): void {
  const built = path.join(root, 'dist/commands/scan.js');
  if (existsSync(built) && newestSource(path.join(root, 'src')) <= statSync(built).mtimeMs) return;
  // Type errors elsewhere in a tree under work do not stop tsc from emitting; freshness is what counts.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  if (!existsSync(built) || newestSource(path.join(root, 'src')) > statSync(built).mtimeMs)
    throw new Error('dist/ could not be built: run npx tsc -p tsconfig.build.json');
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function airlock(args: string[]): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, AIRLOCK_HOME: home, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function integrity(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all('PRAGMA integrity_check', (e, rows: { integrity_check: string }[]) => {
        db.close();
        if (e) reject(e);
        else resolve(rows.map((r) => r.integrity_check).join('; '));
      });
    });
  });
}

beforeAll(async () => {
  ensureBuilt();
  const state = await stateWithSigner();
  work = state.work;
  home = state.home;
  const CVE = (id: string) => `debian-vuln-list-debian/tracker/CVE/2022/${id}.json`;
  const bundle1 = await buildFeedBundle({
    out: path.join(work, 'seq1.airlock'),
    signer: state.signer,
    sequence: 1,
    folders: ['debian-vuln-list-debian'],
    leaveOut: [CVE('CVE-2022-3219')],
  });
  bundle2 = await buildFeedBundle({
    out: path.join(work, 'seq2.airlock'),
    signer: state.signer,
    sequence: 2,
    folders: ['debian-vuln-list-debian', 'nvd'],
    leaveOut: [CVE('CVE-2022-0563')],
  });
  expect((await airlock(['db', 'import', bundle1])).code).toBe(0);
  // A store with work in it, so that the import's re-evaluation overlaps the scan: the
  // real image's snapshot under 40 further image IDs.
  const sbom = await generateSbom(MINBASE);
  const matched = await matchSbomWithDatabase(sbom, path.join(home, 'advisories.db'), new Date());
  const store = await openSnapshotStore(path.join(home, 'snapshots.db'));
  try {
    for (let i = 0; i < EXTRA; i++) {
      const configDigest = `sha256:${i.toString(16).padStart(4, '0')}${sbom.image.configDigest!.slice(11)}`;
      await saveSnapshot(store, {
        sbom: { ...sbom, image: { ...sbom.image, configDigest } },
        origin: 'layers',
        names: [`copy:${i}`],
        findings: matched.findings,
        sequence: 1,
        now: new Date(),
      });
    }
  } finally {
    await store.destroy();
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a scan and an import at the same time', () => {
  it('both succeed, neither database is damaged, and the store ends consistent with the installed database', async () => {
    const soloScan = await airlock(['scan', MINBASE, '--no-store']);
    expect(soloScan.code).toBe(0);

    const [scan, imported] = await Promise.all([
      airlock(['scan', MINBASE, '--name', 'race:1']),
      airlock(['db', 'import', bundle2]),
    ]);
    expect(scan.stderr).not.toMatch(/error|SQLITE_BUSY/i);
    expect(imported.stderr).not.toMatch(/error|SQLITE_BUSY|not re-evaluated/i);
    expect(scan.code).toBe(0);
    expect(imported.code).toBe(0);
    expect(scan.stdout).toContain('race:1');
    expect(imported.stdout).toContain('installed');
    expect(imported.stdout).toMatch(/stored images? changed \(re-evaluated against advisory sequence 2\)/);
    // Waiting on the other process costs at most the busy timeout, never a failure.
    expect(scan.ms).toBeLessThan(soloScan.ms + BUSY_TIMEOUT_MS);

    expect(await integrity(path.join(home, 'snapshots.db'))).toBe('ok');
    expect(await integrity(path.join(home, 'advisories.db'))).toBe('ok');

    // Whatever the interleaving, every stored image now stands at sequence 2, with the
    // counts the tarball has against that database.
    process.env.AIRLOCK_HOME = home;
    const expected = (await cvesReport(MINBASE, { dbFile: path.join(home, 'advisories.db') })).counts;
    const store = await openSnapshotStore(path.join(home, 'snapshots.db'));
    try {
      const images = await listStoredImages(store);
      expect(images).toHaveLength(EXTRA + 1);
      expect(images.find((i) => i.names.includes('race:1'))).toBeDefined();
      for (const image of images) {
        expect(image.evaluatedSequence).toBe(2);
        expect(image.counts).toEqual(expected);
      }
    } finally {
      await store.destroy();
      delete process.env.AIRLOCK_HOME;
    }
  });
});
