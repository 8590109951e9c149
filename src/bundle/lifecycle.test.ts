import { mkdir, readdir, writeFile, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from './import.js';
import { rollbackDatabase } from './rollback.js';
import { databaseStatus } from './status.js';
import { loadTrustStore, type TrustStore } from './trust.js';
import { readInstalledMeta } from './meta.js';
import { freshState, makeBundle, makeSigner, sha256File, tempDir } from './testdata/fixtures.js';

const NOW = new Date('2025-08-26T12:00:00Z');

describe('import, status and rollback', () => {
  let dir: string;
  let trust: TrustStore;
  let publisher: Awaited<ReturnType<typeof makeSigner>>;
  let bundles: Record<number, string>;

  beforeAll(async () => {
    dir = await tempDir('lifecycle');
    const keys = join(dir, 'keys');
    await mkdir(keys);
    publisher = await makeSigner(keys, 'publisher');
    trust = await loadTrustStore({ packageKeysDir: keys });
    bundles = {};
    for (const [sequence, limit] of [
      [10, 100],
      [20, 200],
      [30, 300],
    ]) {
      bundles[sequence] = join(dir, `seq${sequence}.airlock`);
      await makeBundle(bundles[sequence], publisher, {
        now: new Date(NOW.getTime() - ((40 - sequence) / 2) * 86_400_000),
        sequence,
        kevLimit: limit,
      });
    }
  });

  it('status before any import says nothing is installed', async () => {
    const paths = await freshState();
    expect(await databaseStatus(paths, NOW)).toEqual({ installed: false, path: paths.advisoryDb });
  });

  it('status reports sources, data dates, counts, age, signer, sequence and schema version', async () => {
    const paths = await freshState();
    const result = await importBundle({ path: bundles[20], paths, trust, now: NOW });
    expect(result).toMatchObject({ signer: publisher.keyId, previousSequence: undefined, warnings: [], skipped: [] });
    const status = await databaseStatus(paths, NOW);
    expect(status).toMatchObject({
      installed: true,
      sequence: 20,
      schemaVersion: 1,
      signer: publisher.keyId,
      created: '2025-08-16T12:00:00.000Z',
      ageDays: 10,
      expired: false,
      installedAt: NOW.toISOString(),
      bundleFile: 'seq20.airlock',
      sources: [{ name: 'cisa-kev', records: 200, warnings: 0, dataDate: '2025-08-25', dataAgeDays: 1 }],
    });
    expect(status.installed && status.previous).toBeUndefined();
  });

  it('a second import keeps the first as previous; rollback swaps them, twice', async () => {
    const paths = await freshState();
    await importBundle({ path: bundles[10], paths, trust, now: NOW });
    const first = await sha256File(paths.advisoryDb);
    const result = await importBundle({ path: bundles[30], paths, trust, now: NOW });
    expect(result.previousSequence).toBe(10);
    const second = await sha256File(paths.advisoryDb);
    expect(await sha256File(paths.previousAdvisoryDb)).toBe(first);
    expect(await databaseStatus(paths, NOW)).toMatchObject({ sequence: 30, previous: { sequence: 10 } });

    const back = await rollbackDatabase(paths);
    expect(back.restored.sequence).toBe(10);
    expect(back.replaced?.sequence).toBe(30);
    expect(await sha256File(paths.advisoryDb)).toBe(first);
    expect(await sha256File(paths.previousAdvisoryDb)).toBe(second);

    await rollbackDatabase(paths);
    expect(await sha256File(paths.advisoryDb)).toBe(second);
    expect((await readdir(paths.home)).sort()).toEqual(['advisories.db', 'advisories.prev.db', 'trusted-state.json']);
  });

  it('after a rollback, the bundle rolled back from can be imported again; one below it needs --allow-downgrade', async () => {
    const paths = await freshState();
    await importBundle({ path: bundles[10], paths, trust, now: NOW });
    await importBundle({ path: bundles[30], paths, trust, now: NOW });
    await rollbackDatabase(paths);
    // The rollback floor is the highest sequence ever installed (30), not the installed one (10).
    await expect(importBundle({ path: bundles[20], paths, trust, now: NOW })).rejects.toThrow(
      /bundle sequence 20 is below 30, the highest sequence ever installed here/,
    );
    await importBundle({ path: bundles[20], paths, trust, now: NOW, allowDowngrade: true });
    expect((await readInstalledMeta(paths.advisoryDb)).sequence).toBe(20);
    await importBundle({ path: bundles[30], paths, trust, now: NOW });
    expect((await readInstalledMeta(paths.advisoryDb)).sequence).toBe(30);
  });

  it('rollback with nothing to roll back to is refused', async () => {
    const paths = await freshState();
    await importBundle({ path: bundles[10], paths, trust, now: NOW });
    await expect(rollbackDatabase(paths)).rejects.toThrow('there is no previous advisory database to roll back to');
  });

  it('a directory import picks the newest valid bundle and says why it skipped the others', async () => {
    const drop = join(dir, 'usb-stick');
    await mkdir(drop);
    for (const s of [10, 20]) await copyFile(bundles[s], join(drop, `seq${s}.airlock`));
    const tampered = await readFile(bundles[30]);
    tampered[tampered.length - 50] ^= 0xff;
    await writeFile(join(drop, 'seq30-tampered.airlock'), tampered);
    const strangerDir = join(dir, 'stranger');
    await mkdir(strangerDir);
    const stranger = await makeSigner(strangerDir, 'stranger');
    await makeBundle(join(drop, 'seq40-stranger.airlock'), stranger, { now: NOW, sequence: 40, kevLimit: 2 });
    await makeBundle(join(drop, 'seq50-expired.airlock'), publisher, {
      now: new Date('2025-01-01T00:00:00Z'),
      sequence: 50,
      kevLimit: 2,
    });
    await copyFile(join(process.cwd(), '../shared/feeds/PROVENANCE.md'), join(drop, 'README.md'));

    const paths = await freshState();
    const result = await importBundle({ path: drop, paths, trust, now: NOW });
    expect(result.bundleFile).toBe(join(drop, 'seq20.airlock'));
    expect(result.manifest.sequence).toBe(20);
    expect(result.skipped.map((s) => [s.file.slice(drop.length + 1), s.reason.replace(/[0-9a-f]{64}/g, 'H')])).toEqual([
      ['seq40-stranger.airlock', `signed by unknown key ${stranger.keyId}`],
      ['seq50-expired.airlock', 'bundle expired on 2025-01-31T00:00:00.000Z'],
      ['seq30-tampered.airlock', 'payload sha256 H does not match the signed manifest (H): the payload was modified'],
    ]);
  });

  it('a directory with no valid bundle is refused, listing why', async () => {
    const drop = join(dir, 'empty-stick');
    await mkdir(drop);
    await copyFile(join(process.cwd(), '../shared/feeds/PROVENANCE.md'), join(drop, 'README.md'));
    const paths = await freshState();
    await expect(importBundle({ path: drop, paths, trust, now: NOW })).rejects.toThrow(
      `${drop}: contains no airlock bundle`,
    );
  });

  it('a second import while one holds the lock is refused; a lock left by a dead process is taken over', async () => {
    const paths = await freshState();
    await mkdir(paths.home, { recursive: true });
    await writeFile(join(paths.home, 'db.lock'), String(process.pid));
    await expect(importBundle({ path: bundles[10], paths, trust, now: NOW })).rejects.toThrow(
      `another airlock process (pid ${process.pid}) is changing the advisory database`,
    );
    await writeFile(join(paths.home, 'db.lock'), '999999999');
    await importBundle({ path: bundles[10], paths, trust, now: NOW });
    expect((await readdir(paths.home)).sort()).toEqual(['advisories.db', 'trusted-state.json']);
  });
});
