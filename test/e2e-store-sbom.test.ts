/**
 * SBOM documents as input, and staleness. airlock's own CycloneDX and SPDX renderings of
 * the real Debian image, read back with `sbom:FILE`, give exactly the findings the tarball
 * gives; a stored SBOM reports without the document; a snapshot made by an older version
 * of a cataloger is marked stale in `images` and in every report made from it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogers } from '../src/catalogers/index.js';
import Compare from '../src/commands/compare.js';
import Images from '../src/commands/images/index.js';
import Quickview from '../src/commands/quickview.js';
import Scan from '../src/commands/scan.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { renderCycloneDx, renderSpdx } from '../src/report/sbom/index.js';
import type { Sbom } from '../src/sbom/model.js';
import { resolveSbom } from '../src/services/input.js';
import { matchSbomWithDatabase } from '../src/services/match.js';
import { generateSbom } from '../src/services/sbom.js';
import { openSnapshotStore } from '../src/store/open.js';
import { saveSnapshot } from '../src/store/save.js';
import { MINBASE } from './store/support/buildkit-spdx.js';
import { run } from './support/run-command.js';

let dir: string;
let db: TestDb;
let sbom: Sbom;
const now = new Date('2026-11-25T12:00:00Z');
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-store-sbom-'));
  process.env.AIRLOCK_HOME = path.join(dir, 'home');
  db = await buildFeedDb(['debian-vuln-list-debian', 'nvd']);
  sbom = await generateSbom(MINBASE, { now });
});
afterAll(async () => {
  await db?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

describe('sbom:FILE', () => {
  it.each([
    ['CycloneDX 1.6', 'minbase.cdx.json', renderCycloneDx],
    ['SPDX 2.3', 'minbase.spdx.json', renderSpdx],
  ])('airlock %s of the real image, read back, gives exactly the tarball findings', async (_format, name, render) => {
    const file = path.join(dir, name);
    writeFileSync(file, render(sbom));
    const fromTarball = await matchSbomWithDatabase(sbom, db.file, now);
    const resolved = await resolveSbom(`sbom:${file}`, { now });
    expect(resolved.origin).toBe('sbom-file');
    expect(resolved.sbom.image.format).toBe('sbom');
    expect(resolved.sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
    expect(resolved.sbom.packages.map((p) => p.purl).sort()).toEqual(sbom.packages.map((p) => p.purl).sort());
    const fromFile = await matchSbomWithDatabase(resolved.sbom, db.file, now);
    expect(fromFile.findings.length).toBe(fromTarball.findings.length);
    expect(fromFile.findings).toEqual(fromTarball.findings);
  });

  it('scan sbom:FILE stores it; the stored SBOM reports without the file', async () => {
    const file = path.join(dir, 'stored.cdx.json');
    writeFileSync(file, renderCycloneDx(sbom));
    const scanned = await run(Scan, [`sbom:${file}`, '--name', 'fromsbom:1', '--db', db.file]);
    expect(scanned.code).toBe(0);
    // Our CycloneDX names the image's config digest, so the snapshot is the image's.
    expect(scanned.stdout).toContain('Stored 83b9a077b6b4: fromsbom:1');
    rmSync(file);
    const viewed = await run(Quickview, ['fromsbom:1', '--db', db.file]);
    expect(viewed.code).toBe(0);
    expect(viewed.stdout).toMatch(/Your image {2}fromsbom:1 +│ +0C +1H +0M +10L +3U/);
    const [image] = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(image).toMatchObject({ origin: 'sbom-file', format: 'sbom', stale: [], packages: 88 });
  });

  it('compare works on two stored images, neither tarball needed', async () => {
    // The same image without zlib1g, as an SBOM document: what a slimmer rebuild would list.
    const slim: Sbom = {
      ...sbom,
      image: { ...sbom.image, configDigest: undefined, manifestDigest: undefined },
      packages: sbom.packages.filter((p) => p.name !== 'zlib1g'),
    };
    const file = path.join(dir, 'slim.cdx.json');
    writeFileSync(file, renderCycloneDx(slim));
    expect((await run(Scan, [`sbom:${file}`, '--name', 'minbase:slim', '--db', db.file])).code).toBe(0);
    rmSync(file);
    const compared = await run(Compare, ['fromsbom:1', '--to', 'minbase:slim', '--db', db.file, '--format', 'json']);
    expect(compared.code).toBe(0);
    const result = JSON.parse(compared.stdout);
    expect(result.packages.filter((p: { kind: string }) => p.kind !== 'unchanged')).toEqual([
      { kind: 'added', type: 'deb', name: 'zlib1g', from: [], to: ['1:1.2.13.dfsg-1'] },
    ]);
    expect(result.newVulnerabilities.map((f: { vulnId: string }) => f.vulnId)).toEqual(['CVE-2023-45853']);
    expect(result.fixedVulnerabilities).toEqual([]);
  });

  it('bad documents are one line naming the file', async () => {
    const notJson = path.join(dir, 'broken.json');
    writeFileSync(notJson, '{"bomFormat": "CycloneDX", ');
    await expect(resolveSbom(`sbom:${notJson}`)).rejects.toThrow(`${notJson}: is not JSON`);
    const missing = path.join(dir, 'missing.json');
    await expect(resolveSbom(`sbom:${missing}`)).rejects.toThrow(`${missing}: no such file`);
    const old = path.join(dir, 'old.cdx.json');
    writeFileSync(old, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.0', components: [] }));
    await expect(resolveSbom(`sbom:${old}`)).rejects.toThrow(
      `${old}: CycloneDX specVersion "1.0" is not one airlock reads (1.4–1.6)`,
    );
    const other = path.join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ name: 'package.json, not an SBOM' }));
    await expect(resolveSbom(`sbom:${other}`)).rejects.toThrow(
      `${other}: is neither a CycloneDX JSON document (bomFormat) nor an SPDX JSON document (spdxVersion)`,
    );
  });
});

describe('stale snapshots', () => {
  it('a snapshot made by an older dpkg cataloger is marked stale in images and in reports made from it', async () => {
    process.env.AIRLOCK_HOME = path.join(dir, 'home-stale');
    const dpkg = catalogers.find((c) => c.name === 'dpkg')!;
    // What an airlock with the previous dpkg cataloger version would have stored.
    const older = await generateSbom(MINBASE, {
      now,
      catalogers: catalogers.map((c) => (c === dpkg ? { ...c, version: c.version - 1 } : c)),
    });
    expect(older.catalogers.dpkg).toBe(dpkg.version - 1);
    const store = await openSnapshotStore(path.join(process.env.AIRLOCK_HOME!, 'snapshots.db'));
    try {
      const matched = await matchSbomWithDatabase(older, db.file, now);
      await saveSnapshot(store, {
        sbom: older,
        origin: 'layers',
        names: ['minbase:old'],
        findings: matched.findings,
        now,
      });
    } finally {
      await store.destroy();
    }
    const listed = (await run(Images, [])).stdout;
    expect(listed).toMatch(new RegExp(`minbase:old .*STALE: dpkg ${dpkg.version - 1} → ${dpkg.version}`));
    const [image] = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(image.stale).toEqual([`dpkg ${dpkg.version - 1} → ${dpkg.version}`]);
    const viewed = await run(Quickview, ['minbase:old', '--db', db.file]);
    expect(viewed.stderr).toContain(
      `warning: the stored snapshot of minbase:old (scanned 2026-11-25) was made by older catalogers (dpkg ${dpkg.version - 1} → ${dpkg.version}); scan the image again to refresh it`,
    );
    // Scanning the tarball again refreshes it.
    await run(Scan, [MINBASE, '--name', 'minbase:old', '--db', db.file]);
    const [fresh] = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(fresh.stale).toEqual([]);
  });
});
