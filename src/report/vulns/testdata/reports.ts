/**
 * Reports for the renderer tests, from real data only: the real image in ../shared/images
 * and a database built from feeds whose data dates come from their content (so the
 * golden files do not change with file times), stamped as bundle 42 of 2026-11-24.
 */
import path from 'node:path';
import type { BundleMeta } from '../../../db/bundle-meta.js';
import { buildFeedDb, type TestDb } from '../../../match/testdata/feed-db.js';
import { pkg, sbomOf } from '../../../match/testdata/sbom.js';
import { buildReport } from '../../../services/cves.js';
import { matchSbomWithDatabase, type MatchResult } from '../../../services/match.js';
import { generateSbom } from '../../../services/sbom.js';
import type { Sbom } from '../../../sbom/model.js';

export const NOW = new Date('2026-11-24T12:00:00Z');
export const REAL_IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
const STAMP: BundleMeta = {
  sequence: 42,
  created: '2026-11-24T06:00:00Z',
  expires: '2026-12-24T06:00:00Z',
  signerKeyId: 'test-key',
  formatVersion: 1,
  schemaVersion: 1,
};

export async function goldenDb(): Promise<TestDb> {
  return buildFeedDb(['debian-vuln-list-debian', 'nvd', 'ghsa-osv', 'cisa-kev', 'epss'], STAMP);
}

export async function realImageResult(db: TestDb): Promise<MatchResult> {
  return matchSbomWithDatabase(await generateSbom(REAL_IMAGE, { now: NOW }), db.file, NOW);
}

/**
 * Application packages at versions that GitHub's reviewed advisories in ../shared/feeds
 * cover: Spring4Shell (in CISA KEV), commons-text, snakeyaml, minimist, semver, ws.
 */
export function appSbom(): Sbom {
  const maven = (group: string, name: string, version: string) =>
    pkg('maven', name, version, {
      purl: `pkg:maven/${group}/${name}@${version}`,
      locations: [{ path: `/app/lib/${name}-${version}.jar` }],
    });
  const npm = (name: string, version: string) =>
    pkg('npm', name, version, {
      purl: `pkg:npm/${name}@${version}`,
      locations: [{ path: `/app/node_modules/${name}/package.json` }],
    });
  const sbom = sbomOf([
    maven('org.springframework', 'spring-beans', '5.3.17'),
    maven('org.apache.commons', 'commons-text', '1.9'),
    maven('org.yaml', 'snakeyaml', '1.33'),
    npm('minimist', '1.2.5'),
    npm('semver', '7.5.1'),
    npm('ws', '8.17.1'),
  ]);
  sbom.image.source = 'app.tar';
  sbom.image.names = ['app:1.0'];
  return sbom;
}

export async function appResult(db: TestDb): Promise<MatchResult> {
  return matchSbomWithDatabase(appSbom(), db.file, NOW);
}

export { buildReport };
