/**
 * The snapshot store end to end, on the real Debian image and signed bundles built from
 * real feed records: scan stores the image; a stored image reports exactly as its tarball
 * does; `db import` of a newer bundle re-evaluates it and the change set names exactly
 * the findings that changed; `db rollback` re-evaluates back; a snapshot made by an older
 * cataloger is marked stale.
 *
 * Bundle 1 (sequence 1): debian-vuln-list-debian without CVE-2022-3219 (gnupg2).
 * Bundle 2 (sequence 2): the same with CVE-2022-3219 and without CVE-2022-0563 (util-linux,
 * "withdrawn" from the newer bundle), plus the NVD folder, whose CVSS for CVE-2023-45853
 * (zlib; the Debian record carries no urgency for bookworm) moves it from unspecified to high.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import DbImport from '../src/commands/db/import.js';
import DbRollback from '../src/commands/db/rollback.js';
import Images from '../src/commands/images/index.js';
import ImagesChanges from '../src/commands/images/changes.js';
import ImagesRm from '../src/commands/images/rm.js';
import Scan from '../src/commands/scan.js';
import { statePaths } from '../src/config/paths.js';
import { cvesReport } from '../src/services/cves.js';
import type { ImageChange } from '../src/store/changes.js';
import type { StoredImage } from '../src/store/images.js';
import { buildFeedBundle, stateWithSigner } from './store/support/bundles.js';
import { MINBASE } from './store/support/buildkit-spdx.js';
import { run } from './support/run-command.js';

const CVE = (year: number, id: string) => `debian-vuln-list-debian/tracker/CVE/${year}/${id}.json`;
const UTIL_LINUX_BINARIES = [
  'bsdutils',
  'libblkid1',
  'libmount1',
  'libsmartcols1',
  'libuuid1',
  'mount',
  'util-linux',
  'util-linux-extra',
];

let work: string;
let bundle1: string;
let bundle2: string;
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  const state = await stateWithSigner();
  work = state.work;
  process.env.AIRLOCK_HOME = state.home;
  bundle1 = await buildFeedBundle({
    out: path.join(work, 'seq1.airlock'),
    signer: state.signer,
    sequence: 1,
    folders: ['debian-vuln-list-debian'],
    leaveOut: [CVE(2022, 'CVE-2022-3219')],
  });
  bundle2 = await buildFeedBundle({
    out: path.join(work, 'seq2.airlock'),
    signer: state.signer,
    sequence: 2,
    folders: ['debian-vuln-list-debian', 'nvd'],
    leaveOut: [CVE(2022, 'CVE-2022-0563')],
  });
});

afterAll(() => {
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(work, { recursive: true, force: true });
});

async function storedImages(): Promise<StoredImage[]> {
  const out = await run(Images, ['--json']);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout);
}

async function changes(ref?: string): Promise<ImageChange[]> {
  const out = await run(ImagesChanges, [...(ref ? [ref] : []), '--json']);
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout);
}

const names = (list: ImageChange['findings'], kind: string) =>
  list
    .filter((f) => f.kind === kind)
    .map((f) => `${f.vulnId} ${f.packageName}`)
    .sort();

describe('scan, re-evaluate on import, report without the tarball', () => {
  it('scan stores the snapshot and prints the quickview; a fresh import had nothing to re-evaluate', async () => {
    const imported = await run(DbImport, [bundle1]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('sequence 1');
    expect(imported.stdout).not.toContain('stored image');

    const scanned = await run(Scan, [MINBASE, '--name', 'minbase:1.0']);
    expect(scanned.code).toBe(0);
    expect(scanned.stdout).toMatch(/Your image {2}minbase:1\.0 +│ +0C +0H +0M +9L +4U/);
    expect(scanned.stdout).toContain('Stored 83b9a077b6b4: minbase:1.0');

    const [image] = await storedImages();
    expect(image).toMatchObject({
      names: ['minbase:1.0'],
      key: 'sha256:83b9a077b6b4866a6d4e0af70d2f37248c38fe13d95a70d014cd87129597230c',
      manifestDigest: 'sha256:e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac',
      origin: 'layers',
      os: 'debian 12',
      packages: 88,
      evaluatedSequence: 1,
      counts: { critical: 0, high: 0, medium: 0, low: 9, unspecified: 4 },
      stale: [],
    });
  });

  it('a stored image reports exactly as its tarball does (JSON equal but for the input name)', async () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const fromTarball = await cvesReport(MINBASE, { now });
    const fromStore = await cvesReport('minbase:1.0', { now });
    // The input: a path (named by its file, the archive has no repo:tag) or the stored name.
    expect([fromTarball.image.source, fromTarball.image.name]).toEqual([MINBASE, 'debian-bookworm-minbase.oci.tar']);
    expect([fromStore.image.source, fromStore.image.name]).toEqual(['minbase:1.0', 'minbase:1.0']);
    expect({
      ...fromStore,
      image: { ...fromStore.image, source: MINBASE, name: 'debian-bookworm-minbase.oci.tar' },
    }).toEqual(fromTarball);
    expect(fromStore.findings.length).toBeGreaterThan(20);
    // By digest prefix too, and by the fully qualified name.
    expect((await cvesReport('83b9a077', { now })).findings).toEqual(fromTarball.findings);
    expect((await cvesReport('docker.io/library/minbase:1.0', { now })).findings).toEqual(fromTarball.findings);
  });

  it('db import of a newer bundle re-evaluates: the change set names exactly the changed findings', async () => {
    const imported = await run(DbImport, [bundle2]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('installed');
    expect(imported.stdout).toContain(
      '1 of 1 stored image changed (re-evaluated against advisory sequence 2):\n  minbase:1.0  +1H -1U  1 new, 1 resolved, 1 changed\n',
    );

    const [set] = await changes('minbase:1.0');
    expect(set).toMatchObject({
      trigger: 'db import',
      image: { label: 'minbase:1.0' },
      fromSequence: 1,
      toSequence: 2,
      summary: { new: 1, resolved: 1, changed: 1 },
    });
    expect(names(set.findings, 'new')).toEqual(['CVE-2022-3219 gpgv']);
    expect(names(set.findings, 'resolved')).toEqual(UTIL_LINUX_BINARIES.map((b) => `CVE-2022-0563 ${b}`));
    expect(set.findings.filter((f) => f.kind === 'changed')).toEqual([
      {
        kind: 'changed',
        vulnId: 'CVE-2023-45853',
        purl: expect.stringMatching(/^pkg:deb\/debian\/zlib1g@/),
        packageName: 'zlib1g',
        packageVersion: '1:1.2.13.dfsg-1',
        groupKey: 'deb\u0000zlib\u00001:1.2.13.dfsg-1',
        before: { band: 'unspecified', status: 'no_fix_yet' },
        after: { band: 'high', status: 'no_fix_yet' },
        changed: ['severity'],
      },
    ]);

    // The stored counts are now those of the tarball against the new database.
    const [image] = await storedImages();
    const fresh = await cvesReport(MINBASE);
    expect(image.counts).toEqual(fresh.counts);
    expect(image.evaluatedSequence).toBe(2);
    expect(set.countsAfter).toEqual(fresh.counts);
  });

  it('db rollback re-evaluates back; images changes lists both runs, newest first', async () => {
    const rolled = await run(DbRollback, []);
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toContain(
      '1 of 1 stored image changed (re-evaluated against advisory sequence 1):\n  minbase:1.0  -1H +1U  1 new, 1 resolved, 1 changed\n',
    );
    const list = await changes();
    expect(list.map((c) => [c.trigger, c.fromSequence, c.toSequence])).toEqual([
      ['db rollback', 2, 1],
      ['db import', 1, 2],
    ]);
    expect(names(list[0].findings, 'new')).toEqual(UTIL_LINUX_BINARIES.map((b) => `CVE-2022-0563 ${b}`));
    expect(names(list[0].findings, 'resolved')).toEqual(['CVE-2022-3219 gpgv']);
    const text = await run(ImagesChanges, ['minbase:1.0']);
    expect(text.stdout).toMatch(
      /db rollback {2}minbase:1\.0 {2}sequence 2 → 1 {2}-1H \+1U {2}\(1 new, 1 resolved, 1 changed\)/,
    );
    expect(text.stdout).toMatch(/ {2}changed +CVE-2023-45853 +zlib1g 1:1\.2\.13\.dfsg-1 +severity high → unspecified/);
  });

  it('--no-store stores nothing; names accumulate; images rm removes the image and its history', async () => {
    const oneOff = await run(Scan, [MINBASE, '--no-store', '--name', 'other:2.0']);
    expect(oneOff.code).toBe(0);
    expect(oneOff.stdout).not.toContain('Stored');
    expect((await storedImages()).map((i) => i.names)).toEqual([['minbase:1.0']]);

    const again = await run(Scan, [MINBASE, '--name', 'minbase:latest']);
    expect(again.stdout).toContain('Replaced the stored snapshot of 83b9a077b6b4: minbase:1.0, minbase:latest');
    expect((await storedImages()).map((i) => i.names)).toEqual([['minbase:1.0', 'minbase:latest']]);

    const removed = await run(ImagesRm, ['minbase:latest']);
    expect(removed.stdout).toBe('Removed minbase:1.0 (83b9a077b6b4, also named minbase:latest)\n');
    expect(await storedImages()).toEqual([]);
    expect(await changes()).toEqual([]);
    const gone = await run(ImagesRm, ['minbase:1.0']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('error: no stored image named minbase:1.0');
  });

  it('an import whose re-evaluation fails still installs the database, and says so', async () => {
    await run(Scan, [MINBASE, '--name', 'minbase:1.0']);
    const store = statePaths().snapshotDb;
    for (const f of [store, `${store}-wal`, `${store}-shm`]) rmSync(f, { force: true });
    writeFileSync(store, 'this is no SQLite database, the disk was damaged\n'.repeat(200));
    const imported = await run(DbImport, [bundle2]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('sequence 2 (was 1)');
    expect(imported.stderr).toMatch(
      /^warning: the advisory database is installed, but the stored images were not re-evaluated: .*snapshots\.db: .*; their counts are those of the previous database until the next import\n$/,
    );
    expect((await cvesReport(MINBASE)).database.sequence).toBe(2);
    rmSync(store);
  });

  it('a name that is neither a file nor a stored image is one line naming it', async () => {
    const before = await run(Scan, ['nosuch:1.0']);
    expect(before.code).toBe(1);
    expect(before.stderr).toBe(
      'error: nosuch:1.0: no such file or directory\nhint: nor is it a stored image: none is stored yet (airlock scan IMAGE.tar --name NAME stores one)\n',
    );
    await run(Scan, [MINBASE]);
    const out = await run(Scan, ['nosuch:1.0']);
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe('error: nosuch:1.0: no such file or directory');
    expect(out.stderr.split('\n')[1]).toMatch(/^hint: nor is it a stored image.*\(airlock images lists them\)$/);
    expect(statePaths().snapshotDb).toContain(process.env.AIRLOCK_HOME!);
  });
});
