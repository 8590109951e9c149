import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from './import.js';
import { loadTrustStore, type TrustStore } from './trust.js';
import { freshState, makeBundle, makeSigner, tempDir } from './testdata/fixtures.js';
import { readInstalledMeta } from './meta.js';

const NOW = new Date('2025-08-26T12:00:00Z');

/** The rollback floor lives outside the database it protects. */
describe('the highest sequence ever installed survives the loss of advisories.db', () => {
  let trust: TrustStore;
  let good100: string;
  let good200: string;
  let good300: string;

  beforeAll(async () => {
    const dir = await tempDir('floor');
    const trusted = join(dir, 'trusted');
    await mkdir(trusted);
    const publisher = await makeSigner(trusted, 'publisher');
    trust = await loadTrustStore({ packageKeysDir: trusted });
    good100 = join(dir, 'seq100.airlock');
    good200 = join(dir, 'seq200.airlock');
    good300 = join(dir, 'seq300.airlock');
    await makeBundle(good100, publisher, { now: NOW, sequence: 100, kevLimit: 5 });
    await makeBundle(good200, publisher, { now: NOW, sequence: 200, kevLimit: 5 });
    await makeBundle(good300, publisher, { now: NOW, sequence: 300, kevLimit: 5 });
  });

  it('records the floor beside the database on every import', async () => {
    const paths = await freshState();
    await importBundle({ path: good200, paths, trust, now: NOW });
    const record = JSON.parse(await readFile(paths.trustedState, 'utf8'));
    expect(record).toEqual({
      format: 'airlock-trusted-state/1',
      highestSequence: 200,
      signer: expect.stringMatching(/^[0-9a-f]{16}$/),
      installedAt: NOW.toISOString(),
    });
  });

  for (const [how, damage] of [
    ['deleted', (db: string) => rm(db)],
    ['corrupted', (db: string) => writeFile(db, 'not a database')],
  ] as const) {
    it(`refuses an older bundle after advisories.db was ${how}, showing both numbers`, async () => {
      const paths = await freshState();
      await importBundle({ path: good200, paths, trust, now: NOW });
      await damage(paths.advisoryDb);
      await expect(importBundle({ path: good100, paths, trust, now: NOW })).rejects.toThrow(
        `${good100}: bundle sequence 100 is below 200, the highest sequence ever installed here (recorded in ${paths.trustedState})`,
      );
      // A newer bundle repairs the appliance as before.
      await importBundle({ path: good300, paths, trust, now: NOW });
      expect((await readInstalledMeta(paths.advisoryDb)).sequence).toBe(300);
    });
  }

  it('--allow-downgrade installs the older one with a warning, and the floor stays where it was', async () => {
    const paths = await freshState();
    await importBundle({ path: good200, paths, trust, now: NOW });
    await rm(paths.advisoryDb);
    const result = await importBundle({ path: good100, paths, trust, now: NOW, allowDowngrade: true });
    expect(result.warnings).toContain(
      `bundle sequence 100 is below 200, the highest sequence ever installed here (recorded in ${paths.trustedState}); installing because --allow-downgrade was given`,
    );
    expect(JSON.parse(await readFile(paths.trustedState, 'utf8')).highestSequence).toBe(200);
  });

  it('after db rollback, the bundle rolled back from may be imported again', async () => {
    const paths = await freshState();
    await importBundle({ path: good100, paths, trust, now: NOW });
    await importBundle({ path: good200, paths, trust, now: NOW });
    const { rollbackDatabase } = await import('./rollback.js');
    await rollbackDatabase(paths);
    await importBundle({ path: good200, paths, trust, now: NOW });
    expect((await readInstalledMeta(paths.advisoryDb)).sequence).toBe(200);
  });

  it('a damaged trusted-state record blocks the import, naming the file, unless --allow-downgrade', async () => {
    const paths = await freshState();
    await importBundle({ path: good100, paths, trust, now: NOW });
    await writeFile(paths.trustedState, '{"format":"airlock-trusted-state/1","highestSequence":"lots"}');
    await expect(importBundle({ path: good200, paths, trust, now: NOW })).rejects.toThrow(
      `${paths.trustedState}: is not a valid trusted-state record: highestSequence must be a non-negative integer`,
    );
    const result = await importBundle({ path: good200, paths, trust, now: NOW, allowDowngrade: true });
    expect(result.warnings[0]).toMatch(
      /is not a valid trusted-state record: .*; replacing it because --allow-downgrade was given$/,
    );
    expect(JSON.parse(await readFile(paths.trustedState, 'utf8')).highestSequence).toBe(200);
  });
});

describe('leftovers of killed imports are swept on the next run', () => {
  it('removes temp copies whose writer is dead and keeps those of live processes', async () => {
    const dir = await tempDir('floor-sweep');
    const trusted = join(dir, 'trusted');
    await mkdir(trusted);
    const publisher = await makeSigner(trusted, 'publisher');
    const trust = await loadTrustStore({ packageKeysDir: trusted });
    const bundle = join(dir, 'seq5.airlock');
    await makeBundle(bundle, publisher, { now: NOW, sequence: 5, kevLimit: 5 });
    const paths = await freshState();
    await mkdir(paths.home, { recursive: true });
    // A pid that surely is dead: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const deadCopy = `.import-${dead}-0123abcd.tmp`;
    const liveCopy = `.import-${process.ppid}-89abcdef.tmp`;
    for (const name of [deadCopy, `${deadCopy}-journal`, liveCopy, 'unrelated.tmp'])
      await writeFile(join(paths.home, name), 'x');
    await importBundle({ path: bundle, paths, trust, now: NOW });
    const left = (await readdir(paths.home)).sort();
    expect(left).toContain(liveCopy);
    expect(left).toContain('unrelated.tmp');
    expect(left).not.toContain(deadCopy);
    expect(left).not.toContain(`${deadCopy}-journal`);
  });
});
