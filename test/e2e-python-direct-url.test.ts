/**
 * Python distributions installed from outside PyPI, end to end (issue 12): a test-built
 * image carries the dist-info directories real pip wrote for Jinja2 2.10 installed from an
 * index, from a git repository and from its wheel file, and for requests 2.19.1 installed
 * from a local directory, plainly and editable (src/catalogers/python/testdata/direct-url).
 * Matched against the real PyPA advisories in ../shared/feeds, only the index install and
 * the release wheel get Jinja2's findings; the git and directory installs are in the SBOM
 * with their source, unmatched, and warned about on their METADATA.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

const ROOT = path.join(import.meta.dirname, '../src/catalogers/python/testdata/direct-url');
const SITE = 'usr/local/lib/python3.11/site-packages';

let t: TestDb;
let image: string;
beforeAll(async () => {
  t = await buildFeedDb(['pypa-osv']);
  const entries: { path: string; content: Buffer }[] = [];
  for (const site of readdirSync(ROOT).filter((d) => d.endsWith('-site')))
    for (const dist of readdirSync(path.join(ROOT, site)))
      for (const name of readdirSync(path.join(ROOT, site, dist)))
        entries.push({
          path: `opt/${site}/${SITE}/${dist}/${name}`,
          content: readFileSync(path.join(ROOT, site, dist, name)),
        });
  image = writeTemp(await dockerClassicTar({ layers: [entries] }), 'python-direct-url.tar');
}, 120_000);
afterAll(() => {
  t?.close();
  if (image) rmSync(path.dirname(image), { recursive: true, force: true });
});

interface Finding {
  vulnId: string;
  package: { name: string; version: string; locations: { path: string }[] };
}

describe('python packages pip installed from git, a directory or a file', () => {
  it("are matched only when they are PyPI's release; the others are warned about on their METADATA", async () => {
    const r = await run(Cves, [image, '--db', t.file, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const where = (f: Finding) => f.package.locations[0].path.split('/')[2];
    const found = [
      ...new Set((report.findings as Finding[]).map((f) => `${where(f)} ${f.package.name} ${f.package.version}`)),
    ];
    expect(found.sort()).toEqual(['archive-site Jinja2 2.10', 'index-site Jinja2 2.10']);
    // The same advisories for both copies of the release.
    const ids = (site: string) =>
      (report.findings as Finding[])
        .filter((f) => where(f) === site)
        .map((f) => f.vulnId)
        .sort();
    expect(ids('archive-site')).toEqual(ids('index-site'));
    expect(ids('index-site').length).toBeGreaterThan(0);

    const pypi = (report.coverage as { packageType: string; status: string }[]).filter((e) => e.packageType === 'pypi');
    expect(pypi.find((e) => e.status === 'unmatched')).toMatchObject({
      packages: 3,
      unmatchedPackages: ['Jinja2', 'requests'],
    });
    const not = 'not from PyPI, so PyPI advisories do not apply and its vulnerabilities could not be assessed';
    const warned = r.stderr.split('\n').filter((l) => l.includes(not));
    expect(warned).toEqual([
      `warning: /opt/dir-site/${SITE}/requests-2.19.1.dist-info/METADATA: 1 dependency is ${not}: requests (a local path: file:///srv/src/requests-dir)`,
      `warning: /opt/edit-site/${SITE}/requests-2.19.1.dist-info/METADATA: 1 dependency is ${not}: requests (a local path: file:///srv/src/requests-dir (editable))`,
      `warning: /opt/git-site/${SITE}/Jinja2-2.10.dist-info/METADATA: 1 dependency is ${not}: Jinja2 (a git repository: git+file:///srv/src/jinja2-git@f0ce7211c362580570d2702030ff8724ad7392be)`,
    ]);
  });
});
