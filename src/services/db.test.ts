/** The `db` services on bundles built from real feeds: status, import, rollback, with no CLI. */
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importDatabase, installedDatabaseStatus, rollbackInstalledDatabase } from './db.js';
import { buildTestBundle, trustedState } from './testdata/bundles.js';

describe('db services', () => {
  it('import a bundle, report its status, and roll back to the one it replaced', async () => {
    const state = await trustedState();
    expect(await installedDatabaseStatus({ paths: state.paths })).toEqual({
      installed: false,
      path: state.paths.advisoryDb,
    });
    const first = await buildTestBundle(state, 100, ['cisa-kev']);
    const second = await buildTestBundle(state, 200);

    const trustWarnings: string[][] = [];
    const one = await importDatabase({
      paths: state.paths,
      path: first.file,
      onTrustWarnings: (w) => trustWarnings.push(w),
    });
    expect(trustWarnings).toEqual([[]]);
    expect(one.imported).toMatchObject({ bundleFile: first.file, signer: state.keyId, warnings: [], skipped: [] });
    expect(one.imported.previousSequence).toBeUndefined();
    // Nothing is stored yet, so there is nothing to re-evaluate; the bundle carries no base images.
    expect(one).toMatchObject({ addedBases: [] });
    expect(one.reevaluation).toBeUndefined();
    expect(one.reevaluationFailure).toBeUndefined();
    expect(one.basesFailure).toBeUndefined();

    const two = await importDatabase({ paths: state.paths, path: second.file });
    expect(two.imported.previousSequence).toBe(100);
    const status = await installedDatabaseStatus({ paths: state.paths });
    if (!status.installed) throw new Error('not installed');
    expect(status).toMatchObject({ sequence: 200, signer: state.keyId, expired: false, previous: { sequence: 100 } });
    expect(status.sources.map((s) => [s.name, s.records])).toEqual(
      second.manifest.sources.map((s) => [s.name, s.records]),
    );
    expect(status.sources.find((s) => s.name === 'kev')?.records).toBe(1404);
    expect(status.namespaces.some((n) => n.namespace.startsWith('alpine:') && n.records > 0)).toBe(true);

    const back = await rollbackInstalledDatabase({ paths: state.paths });
    expect(back.rollback.restored.sequence).toBe(100);
    expect(back.rollback.replaced?.sequence).toBe(200);
    expect(await installedDatabaseStatus({ paths: state.paths })).toMatchObject({
      sequence: 100,
      previous: { sequence: 200 },
    });
  });

  it('gives the trust warnings before an import that fails', async () => {
    const state = await trustedState();
    // A keyring file that is not a key: the trust store warns about it and goes on.
    await writeFile(join(state.paths.keyring, 'broken.pub'), 'not json');
    const notABundle = join(state.dir, 'notes.airlock');
    await writeFile(notABundle, 'hello');
    const trustWarnings: string[] = [];
    await expect(
      importDatabase({ paths: state.paths, path: notABundle, onTrustWarnings: (w) => trustWarnings.push(...w) }),
    ).rejects.toThrow(notABundle);
    expect(trustWarnings).toEqual([expect.stringContaining('broken.pub')]);
    expect(await installedDatabaseStatus({ paths: state.paths })).toMatchObject({ installed: false });
  });
});
