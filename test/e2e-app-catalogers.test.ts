import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSbom } from '../src/services/sbom.js';
import type { Package, Sbom } from '../src/sbom/model.js';
import { toolchainToSemver } from '../src/versions/go.js';
import { fixture, fixtures, truthRows } from './support/fixtures.js';

/** Truth rows without the header line. */
const truth = (image: string, file: string) => truthRows(join(fixtures, `${image}.truth`, file)).slice(1);
const pep503 = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const sorted = (rows: string[]) => [...rows].sort();
const of = (sbom: Sbom, type: Package['type']) => sbom.packages.filter((p) => p.type === type);

/** node: every installed package.json, as name@version and path (truth kind `node_modules`). */
const nodeRows = (sbom: Sbom) => sorted(of(sbom, 'npm').map((p) => `${p.name}@${p.version}\t${p.locations[0].path}`));
const nodeTruth = (image: string) =>
  sorted(
    truth(image, 'node.tsv')
      .filter((r) => r[2] === 'node_modules')
      .map((r) => `${r[0]}\t${r[1]}`),
  );
/** python: normalized name, version and the .dist-info / .egg-info path. */
const pythonRows = (sbom: Sbom) =>
  sorted(
    of(sbom, 'pypi').map(
      (p) => `${pep503(p.name)}==${p.version}\t${p.locations[0].path.replace(/\/(METADATA|PKG-INFO)$/, '')}`,
    ),
  );
const pythonTruth = (image: string) =>
  sorted(truth(image, 'python.tsv').map((r) => `${pep503(r[0])}==${r[1]}\t${r[2]}`));

describe('application packages of the app fixture image', () => {
  let sbom: Sbom;
  let diffIds: string[];
  beforeAll(async () => {
    sbom = await generateSbom(fixture('app.docker.tar'));
    diffIds = JSON.parse(readFileSync(join(fixtures, 'app.truth/summary.json'), 'utf8')).diff_ids;
  });

  it('reports exactly the installed node packages of node.tsv, each at its own path', () => {
    expect(nodeRows(sbom)).toEqual(nodeTruth('app'));
    expect(nodeRows(sbom)).toHaveLength(280);
    // /app has node_modules, so its package-lock.json adds nothing; Debian's bundled lockfiles are not read.
    expect(of(sbom, 'npm').some((p) => p.metadata?.lockfile)).toBe(false);
  });

  it('reports exactly the Python distributions of python.tsv', () => {
    expect(pythonRows(sbom)).toEqual(pythonTruth('app'));
  });

  it('does not report node-fetch, deleted by the last layer', () => {
    const deleted = truth('app', 'deleted.tsv').filter((r) => r[0] === 'node');
    expect(deleted.map((r) => r[1])).toEqual(['node-fetch@2.6.0 /app/node_modules/node-fetch/package.json']);
    expect(
      of(sbom, 'npm').filter(
        (p) => p.name === 'node-fetch' || p.locations[0].path.startsWith('/app/node_modules/node-fetch/'),
      ),
    ).toEqual([]);
  });

  it('names the layer that brought each package and writes purls', () => {
    const lodash = of(sbom, 'npm').find((p) => p.locations[0].path === '/app/node_modules/lodash/package.json');
    expect(lodash).toMatchObject({
      version: '4.17.15',
      purl: 'pkg:npm/lodash@4.17.15',
      introducedByLayer: diffIds[2],
      locations: [{ layerDiffId: diffIds[2] }],
    });
    const babel = of(sbom, 'npm').find((p) => p.name === '@babel/code-frame');
    expect(babel?.purl).toBe('pkg:npm/%40babel/code-frame@7.12.11');
    const npmsOwn = of(sbom, 'npm').find((p) => p.locations[0].path.startsWith('/usr/share/nodejs/npm/node_modules/'));
    expect(npmsOwn?.introducedByLayer).toBe(diffIds[1]);
    const pip = of(sbom, 'pypi').find((p) => p.name === 'pip');
    expect(pip).toMatchObject({ purl: 'pkg:pypi/pip@23.0.1', introducedByLayer: diffIds[1] });
    expect(of(sbom, 'pypi').find((p) => p.name === 'charset-normalizer')?.purl).toBe(
      'pkg:pypi/charset-normalizer@3.0.1',
    );
  });

  it('finds no Go, Rust, gem, Composer or NuGet packages where there are none', () => {
    for (const type of ['golang', 'cargo', 'gem', 'composer', 'nuget'] as const)
      expect(of(sbom, type), type).toEqual([]);
    expect(truth('app', 'gobinaries.tsv')).toEqual([]);
  });
});

describe('application packages of the big fixture image', () => {
  let sbom: Sbom;
  beforeAll(async () => {
    sbom = await generateSbom(fixture('big.docker.tar'));
  });

  it('reports the gems of gems.tsv, and the default gems marked as such', () => {
    const gems = of(sbom, 'gem');
    const regular = sorted(
      gems.filter((g) => !g.metadata?.defaultGem).map((g) => `${g.name}@${g.version}\t${g.locations[0].path}`),
    );
    expect(regular).toEqual(sorted(truth('big', 'gems.tsv').map((r) => `${r[0]}@${r[1]}\t${r[2]}`)));
    // gems.tsv lists only direct children of specifications/; default gems live one level down.
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', fixture('big.docker.tar'), 'manifest.json']).toString());
    const listing = execFileSync(
      'bash',
      ['-c', 'tar -xOf "$1" "$2" | tar -t', 'bash', fixture('big.docker.tar'), manifest[0].Layers[1]],
      { maxBuffer: 64 << 20 },
    ).toString();
    const defaults = listing.split('\n').filter((l) => /\/specifications\/default\/[^/]+\.gemspec$/.test(l));
    expect(gems.filter((g) => g.metadata?.defaultGem)).toHaveLength(defaults.length);
    expect(defaults.length).toBeGreaterThan(60);
  });

  it('reports the Go binaries of gobinaries.tsv with their toolchain as stdlib', () => {
    const rows = truth('big', 'gobinaries.tsv');
    const go = of(sbom, 'golang');
    expect(sorted([...new Set(go.map((p) => p.locations[0].path))])).toEqual(sorted(rows.map((r) => r[0])));
    for (const [path, goVersion, main, nDeps] of rows) {
      const fromBinary = go.filter((p) => p.locations[0].path === path);
      expect(fromBinary.find((p) => p.name === 'stdlib')?.version).toBe(toolchainToSemver(goVersion));
      expect(fromBinary.filter((p) => p.metadata?.mainModule).map((p) => `${p.name}@${p.version}`)).toEqual(
        main === '-' ? [] : [main],
      );
      expect(fromBinary.filter((p) => p.name !== 'stdlib' && !p.metadata?.mainModule)).toHaveLength(Number(nDeps));
    }
    expect(go.map((p) => p.purl)).toEqual(['pkg:golang/stdlib@v1.19.8']); // runc: a GOPATH build, no modules
  });

  it('reports the node and Python packages of its truth files too', () => {
    expect(nodeRows(sbom)).toEqual(nodeTruth('big'));
    expect(pythonRows(sbom)).toEqual(pythonTruth('big'));
  });
});
