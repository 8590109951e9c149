import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Package, Sbom } from '../src/sbom/model.js';
import { generateSbom } from '../src/services/sbom.js';
import { fixture, fixtures } from './support/fixtures.js';

/** Rows of a truth TSV with a header line, as objects. */
function tsv(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const gav = (p: Package) => {
  const m = /^pkg:maven\/([^/]+)\/([^@]+)@(.+)$/.exec(p.purl)!;
  return `${decodeURIComponent(m[1])}:${decodeURIComponent(m[2])}:${decodeURIComponent(m[3])}`;
};

function mavenByPath(sbom: Sbom): Map<string, Package[]> {
  const byPath = new Map<string, Package[]>();
  for (const p of sbom.packages.filter((x) => x.type === 'maven')) {
    const path = p.locations[0].path;
    byPath.set(path, [...(byPath.get(path) ?? []), p]);
  }
  return byPath;
}

describe('Java packages of the app image equal app.truth/java.tsv', () => {
  const truth = tsv(join(fixtures, 'app.truth/java.tsv'));
  const summary = JSON.parse(readFileSync(join(fixtures, 'app.truth/summary.json'), 'utf8'));

  for (const file of ['app.docker.tar', 'app.oci.tar']) {
    it(`${file}: every jar with the coordinates of its pom.properties, the dpkg owner, nothing else`, async () => {
      const byPath = mavenByPath(await generateSbom(fixture(file)));
      expect([...byPath.keys()].sort()).toEqual(truth.map((r) => r.jar_path).sort());
      for (const row of truth) {
        const found = byPath.get(row.jar_path)!;
        if (row.pom_properties_gav !== '-') {
          expect(found.map(gav).sort(), row.jar_path).toEqual(row.pom_properties_gav.split(',').sort());
        } else {
          // No pom.properties: one package, versioned as the manifest or else the file name says.
          const version =
            row.manifest_version !== '-' ? row.manifest_version : /-(\d[\w.]*)\.jar$/.exec(row.jar_path)![1];
          expect(
            found.map((p) => [p.version, p.metadata?.identifiedBy]),
            row.jar_path,
          ).toEqual([[version, expect.stringMatching(/^(manifest|file name)$/)]]);
        }
        for (const p of found)
          expect(p.ownedBy, row.jar_path).toEqual(
            row.dpkg_owner === '-' ? undefined : { type: 'deb', name: row.dpkg_owner },
          );
      }
    });
  }

  it('reports nothing deleted by the last layer, no symlinked jar, and the vendored log4j from the layer that copied it', async () => {
    const sbom = await generateSbom(fixture('app.docker.tar'));
    const byPath = mavenByPath(sbom);
    const deleted = tsv(join(fixtures, 'app.truth/deleted.tsv')).filter((r) => r.ecosystem.startsWith('java'));
    expect(deleted.length).toBeGreaterThanOrEqual(20);
    for (const row of deleted)
      expect(byPath.has(Object.values(row)[1].split(' ')[0]), Object.values(row)[1]).toBe(false);
    for (const link of tsv(join(fixtures, 'app.truth/java-symlinks.tsv')))
      expect(byPath.has(link.link_path), link.link_path).toBe(false);

    const log4j = ['/app/lib/log4j-api-2.19.0.jar', '/app/lib/log4j-core-2.19.0.jar'].map((p) => byPath.get(p)![0]);
    expect(log4j.map((p) => [p.name, p.version, p.purl, p.ownedBy])).toEqual([
      [
        'org.apache.logging.log4j:log4j-api',
        '2.19.0',
        'pkg:maven/org.apache.logging.log4j/log4j-api@2.19.0',
        undefined,
      ],
      [
        'org.apache.logging.log4j:log4j-core',
        '2.19.0',
        'pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0',
        undefined,
      ],
    ]);
    // Layer (b) copied /app; layer (a) installed the Debian jars.
    expect(log4j.map((p) => p.introducedByLayer)).toEqual([summary.diff_ids[2], summary.diff_ids[2]]);
    expect(byPath.get('/usr/share/java/slf4j-api.jar')![0].introducedByLayer).toBe(summary.diff_ids[1]);
    expect(sbom.warnings.filter((w) => w.path.endsWith('.jar'))).toEqual([]);
  });
});

describe('Java packages of the big image', () => {
  it('every pom.properties coordinate of big.truth/java.tsv, at its jar, owned by its Debian package', async () => {
    const byPath = mavenByPath(await generateSbom(fixture('big.docker.tar')));
    const truth = tsv(join(fixtures, 'big.truth/java.tsv'));
    expect(truth.length).toBeGreaterThan(100);
    for (const row of truth) {
      const found = byPath.get(row.jar_path) ?? [];
      const fromPoms = found.filter((p) => p.metadata?.identifiedBy === 'pom.properties');
      expect(fromPoms.map(gav).sort(), row.jar_path).toEqual(
        row.pom_properties_gav === '-' ? [] : row.pom_properties_gav.split(',').sort(),
      );
      for (const p of found)
        expect(p.ownedBy, row.jar_path).toEqual(
          row.dpkg_owner === '-' ? undefined : { type: 'deb', name: row.dpkg_owner },
        );
    }
    expect([...byPath.keys()].filter((p) => !truth.some((r) => r.jar_path === p))).toEqual([]);
  });
});
