/**
 * A buildx-style OCI archive around the real Debian image, carrying the SPDX SBOM
 * attestation BuildKit attaches (its packages: the image's real dpkg packages). airlock
 * takes the SBOM from the attestation without reading a layer, and says so;
 * --ignore-attestations reads the layers. Both give the same findings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Images from '../src/commands/images/index.js';
import Scan from '../src/commands/scan.js';
import type { Finding } from '../src/match/types.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { resolveSbom } from '../src/services/input.js';
import { matchImage, matchSbomWithDatabase } from '../src/services/match.js';
import { buildkitSpdx, MINBASE, minbasePackages } from './store/support/buildkit-spdx.js';
import { buildxOciArchive } from './store/support/buildx-layout.js';
import { run } from './support/run-command.js';

let dir: string;
let db: TestDb;
let archive: string;
let garbled: string;
const savedHome = process.env.AIRLOCK_HOME;
const NOTICE =
  "SBOM taken from the image's SBOM attestation (buildx, made by syft-v0.105.0, buildkit-v0.17.2), no layer was read; --ignore-attestations reads the layers";

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-attest-'));
  process.env.AIRLOCK_HOME = path.join(dir, 'home');
  db = await buildFeedDb(['debian-vuln-list-debian', 'nvd']);
  const spdx = buildkitSpdx(minbasePackages());
  archive = path.join(dir, 'minbase-buildx.oci.tar');
  writeFileSync(archive, (await buildxOciArchive({ image: MINBASE, spdx, name: 'docker.io/library/minbase:1.0' })).tar);
  garbled = path.join(dir, 'minbase-buildx-garbled.oci.tar');
  writeFileSync(
    garbled,
    (await buildxOciArchive({ image: MINBASE, spdx, name: 'docker.io/library/minbase:1.0', garbleLayers: true })).tar,
  );
});
afterAll(async () => {
  await db?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

const verdicts = (findings: Finding[]) =>
  findings
    .map(
      (f) =>
        `${f.vulnId} ${f.package.name} ${f.package.version} ${f.status} ${f.fixedVersion ?? '-'} ${f.severity.band}`,
    )
    .sort();

describe('buildx SBOM attestation', () => {
  it('is where the SBOM comes from: no layer read, the image facts from its manifest and config', async () => {
    const layers: number[] = [];
    const resolved = await resolveSbom(archive, { onLayer: (done) => layers.push(done) });
    expect(resolved.origin).toBe('attestation');
    expect(resolved.notices).toEqual([NOTICE]);
    expect(layers).toEqual([]);
    const { sbom } = resolved;
    expect(sbom.packages).toHaveLength(88);
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
    expect(sbom.image).toMatchObject({
      format: 'oci-archive',
      names: ['docker.io/library/minbase:1.0', '1.0'],
      manifestDigest: 'sha256:e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac',
      configDigest: 'sha256:83b9a077b6b4866a6d4e0af70d2f37248c38fe13d95a70d014cd87129597230c',
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(sbom.image.layers.map((l) => l.diffId)).toEqual([
      'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3',
    ]);
    // The source package travels in the purl's upstream qualifier: bash's binNMU maps to its source version.
    expect(sbom.packages.find((p) => p.name === 'bash')).toMatchObject({
      version: '5.2.15-2+b13',
      sourceName: 'bash',
      sourceVersion: '5.2.15-2',
      arch: 'amd64',
      foundBy: 'syft',
    });
    expect(sbom.packages.find((p) => p.name === 'libc6')).toMatchObject({
      sourceName: 'glibc',
      locations: [{ path: '/var/lib/dpkg/status' }],
    });
  });

  it('gives the findings the layers give; --ignore-attestations reads the layers', async () => {
    const layers: number[] = [];
    const attested = await matchImage(archive, { dbFile: db.file });
    const fromLayers = await matchImage(archive, {
      dbFile: db.file,
      ignoreAttestations: true,
      onLayer: (done) => layers.push(done),
    });
    expect(layers).toEqual([1]);
    expect(fromLayers.warnings).not.toContain(NOTICE);
    expect(attested.warnings[0]).toBe(NOTICE);
    expect(attested.findings.length).toBeGreaterThan(20);
    expect(verdicts(attested.findings)).toEqual(verdicts(fromLayers.findings));
    // And the same as the plain image without any attestation.
    const plain = await matchSbomWithDatabase((await resolveSbom(MINBASE)).sbom, db.file, new Date());
    expect(verdicts(plain.findings)).toEqual(verdicts(attested.findings));
  });

  it('never touches the layers: with garbled layer blobs the attestation still works, the layers do not', async () => {
    const resolved = await resolveSbom(garbled);
    expect(resolved.origin).toBe('attestation');
    expect(resolved.sbom.packages).toHaveLength(88);
    await expect(resolveSbom(garbled, { ignoreAttestations: true })).rejects.toThrow(
      new RegExp(`^${garbled.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `),
    );
  });

  it('airlock scan says so and stores the snapshot as made from the attestation', async () => {
    const scanned = await run(Scan, [archive, '--db', db.file]);
    expect(scanned.code).toBe(0);
    expect(scanned.stderr).toContain(`warning: ${NOTICE}\n`);
    expect(scanned.stdout).toContain('Stored 83b9a077b6b4: docker.io/library/minbase:1.0');
    const [image] = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(image).toMatchObject({ origin: 'attestation', packages: 88, stale: [] });
    expect((await run(Images, [])).stdout).toContain('from attestation');
    const layered = await run(Scan, [archive, '--db', db.file, '--ignore-attestations']);
    expect(layered.stderr).not.toContain('attestation');
    const [again] = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(again).toMatchObject({ origin: 'layers', packages: 88 });
  });
});
