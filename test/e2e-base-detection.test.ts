/**
 * Base detection, one way at a time, through `airlock quickview`, `cves` and
 * `recommendations`, with debian:bookworm (the fixture `base` image) as the only catalog
 * entry and images made of real files:
 * - by prefix only: the real bookworm layer, byte for byte, plus a layer with minimist
 *   1.2.5's package.json (taken from the `app` fixture; GHSA-xvch-5gv4-984h affects it);
 *   no label;
 * - by label only: built with test/support/image-builder.ts, a config label
 *   `org.opencontainers.image.base.name`, and layers of its own (another build of bookworm:
 *   the same dpkg status and os-release in a layer with other bytes, then minimist);
 * - no match: minimist alone, no label; and a label naming an image the catalog lacks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BaseAdd from '../src/commands/base/add.js';
import Cves from '../src/commands/cves.js';
import Quickview from '../src/commands/quickview.js';
import Recommendations from '../src/commands/recommendations.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { dockerArchiveOf, dockerLayer, fileInLayer } from './base/support/layers.js';
import { fixture, fixtures } from './support/fixtures.js';
import { dockerClassicTar, tarOf, type TreeEntry } from './support/image-builder.js';
import { run } from './support/run-command.js';

const BASE_NAME = 'org.opencontainers.image.base.name';
const NO_MATCH = 'no catalog image shares its first layer; add base images with `airlock base add`';
const savedHome = process.env.AIRLOCK_HOME;
let work: string;
let db: TestDb;
let bookwormLayer: string;
const images: Record<'prefix' | 'label' | 'none' | 'elsewhere', string> = {
  prefix: '',
  label: '',
  none: '',
  elsewhere: '',
};

interface JsonFinding {
  vulnId: string;
  package: { name: string; version: string; type: string; introducedByLayer?: string };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'airlock-base-detect-'));
  process.env.AIRLOCK_HOME = path.join(work, 'home');
  db = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'ghsa-osv']);
  expect((await run(BaseAdd, [fixture('base.docker.tar'), '--name', 'debian:bookworm', '--db', db.file])).code).toBe(0);

  const base = dockerLayer(fixture('base.docker.tar'), 0);
  bookwormLayer = JSON.parse(readFileSync(path.join(fixtures, 'base.truth/summary.json'), 'utf8')).diff_ids[0];
  const minimist: TreeEntry[] = [
    {
      path: 'app/node_modules/minimist/package.json',
      content: fileInLayer(dockerLayer(fixture('app.docker.tar'), 2), 'app/node_modules/minimist/package.json'),
    },
  ];
  const rebuiltBookworm: TreeEntry[] = [
    { path: 'etc/os-release', content: readFileSync(path.join(fixtures, 'base.truth/os-release')) },
    { path: 'var/lib/dpkg/status', content: fileInLayer(base, 'var/lib/dpkg/status') },
  ];
  const write = (name: string, data: Buffer) => {
    const file = path.join(work, name);
    writeFileSync(file, data);
    return file;
  };
  images.prefix = write(
    'prefix.tar',
    await dockerArchiveOf({ layers: [base, await tarOf(minimist)], repoTags: ['prefix-only:1'] }),
  );
  images.label = write(
    'label.tar',
    await dockerClassicTar({
      layers: [rebuiltBookworm, minimist],
      labels: { [BASE_NAME]: 'docker.io/library/debian:bookworm' },
      repoTags: ['label-only:1'],
    }),
  );
  images.none = write('none.tar', await dockerClassicTar({ layers: [minimist], repoTags: ['no-match:1'] }));
  images.elsewhere = write(
    'elsewhere.tar',
    await dockerClassicTar({
      layers: [minimist],
      labels: { [BASE_NAME]: 'gcr.io/distroless/nodejs20-debian12:nonroot' },
      repoTags: ['elsewhere:1'],
    }),
  );
});

afterAll(async () => {
  await db?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(work, { recursive: true, force: true });
});

async function json(command: typeof Cves | typeof Recommendations, argv: string[]) {
  const out = await run(command, [...argv, '--db', db.file, ...(command === Cves ? ['--format', 'json'] : ['--json'])]);
  expect(out.stderr).not.toMatch(/^error/m);
  return JSON.parse(out.stdout);
}

// The base rows are what these tests read; the coverage line every quickview ends with is e2e-coverage's.
const quickview = async (argv: string[]) =>
  (await run(Quickview, [...argv, '--db', db.file])).stdout
    .split('\n')
    .filter((l) => !l.startsWith('  Matched against:'));
const keys = (findings: JsonFinding[]) =>
  [...new Set(findings.map((f) => `${f.vulnId} ${f.package.name} ${f.package.version}`))].sort();

describe('base detection by layer prefix only', () => {
  it('finds debian:bookworm as the image starts with its layer, and splits the findings there', async () => {
    const bookworm = await json(Cves, ['debian:bookworm']);
    const lines = await quickview([images.prefix]);
    expect(lines[2]).toBe(`  Base image  debian:bookworm      │ ${cellsOf(bookworm.counts)}`);
    expect(lines.slice(3).filter(Boolean)).toEqual([]);
    const rec = await json(Recommendations, [images.prefix]);
    expect(rec.base).toMatchObject({
      name: 'debian:bookworm',
      by: 'layers',
      layers: { base: 1, image: 2, assumed: false },
    });

    const own = await json(Cves, [images.prefix, '--ignore-base']);
    expect(own.findings.map((f: JsonFinding) => `${f.vulnId} ${f.package.name}@${f.package.version}`)).toEqual([
      'CVE-2021-44906 minimist@1.2.5',
    ]);
    const base = await json(Cves, [images.prefix, '--only-base']);
    expect(
      base.findings.every(
        (f: JsonFinding) => f.package.type === 'deb' && f.package.introducedByLayer === bookwormLayer,
      ),
    ).toBe(true);
    // The base's layer is the catalog image's, so its findings are exactly the catalog image's.
    expect(keys(base.findings)).toEqual(keys(bookworm.findings));
  });
});

describe('base detection by label only', () => {
  it("names debian:bookworm by org.opencontainers.image.base.name; its first layer is taken as the base's", async () => {
    const bookworm = await json(Cves, ['debian:bookworm']);
    const lines = await quickview([images.label]);
    expect(lines[2]).toBe(`  Base image  debian:bookworm      │ ${cellsOf(bookworm.counts)}`);
    expect(lines[3]).toBe(
      "    note: its layers differ from the catalog's debian:bookworm; its first layer is taken as the base's",
    );
    const rec = await json(Recommendations, [images.label]);
    expect(rec.base).toMatchObject({
      name: 'debian:bookworm',
      by: 'label',
      layers: { base: 1, image: 2, assumed: true },
    });
    const own = await json(Cves, [images.label, '--ignore-base']);
    expect(own.findings.map((f: JsonFinding) => f.package.name)).toEqual(['minimist']);
    // The rebuilt layer holds the same dpkg database: the same packages, the same findings.
    expect(keys((await json(Cves, [images.label, '--only-base'])).findings)).toEqual(keys(bookworm.findings));
  });

  it('a label naming an image the catalog lacks shows the name and no counts', async () => {
    const lines = await quickview([images.elsewhere]);
    expect(lines[2]).toBe(
      '  Base image  gcr.io/distroless/nodejs20-debian12:nonroot   │ not in the base catalog, no counts',
    );
    const out = await run(Cves, [images.elsewhere, '--db', db.file, '--only-base']);
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe(
      "error: --only-base: the base image gcr.io/distroless/nodejs20-debian12:nonroot (named by the image's label) is not in the base catalog, so its layers are unknown",
    );
  });
});

describe('no base image', () => {
  it('quickview shows no base row and says why; cves --only-base refuses in one line', async () => {
    const lines = await quickview([images.none]);
    expect(lines[1]).toMatch(/^ {2}Your image {2}no-match:1 +│/);
    expect(lines[2]).toBe(`  No base image identified: ${NO_MATCH}`);
    expect(lines.join('\n')).not.toContain('Base image');
    const out = await run(Cves, [images.none, '--db', db.file, '--only-base']);
    expect([out.code, out.stderr]).toEqual([
      1,
      `error: --only-base: no base image identified: ${NO_MATCH}\nhint: pass --base NAME to name the base image\n`,
    ]);
    const rec = await run(Recommendations, [images.none, '--db', db.file]);
    expect(rec.stdout).toBe(`no-match:1: no base image identified: ${NO_MATCH}\n`);
  });

  it('with an empty catalog the line says so', async () => {
    process.env.AIRLOCK_HOME = path.join(work, 'empty-home');
    try {
      expect((await quickview([images.prefix]))[2]).toBe(
        '  No base image identified: the base catalog is empty; add base images with `airlock base add`',
      );
    } finally {
      process.env.AIRLOCK_HOME = path.join(work, 'home');
    }
  });

  it('--base names the base when nothing else can; an unknown --base is one line', async () => {
    const lines = await quickview([images.none, '--base', 'debian:bookworm']);
    expect(lines[2]).toMatch(/^ {2}Base image {2}debian:bookworm +│/);
    const out = await run(Quickview, [images.none, '--db', db.file, '--base', 'debian:sid']);
    expect([out.code, out.stderr]).toEqual([
      1,
      'error: --base debian:sid is not in the base catalog\nhint: airlock base list shows the catalog; airlock base add TARBALL --name NAME adds one\n',
    ]);
  });
});

/** The quickview cells of a count object, as src/report/vulns/severity-cells.ts lays them out (U only when nonzero). */
function cellsOf(c: Record<string, number>): string {
  return (['critical', 'high', 'medium', 'low', 'unspecified'] as const)
    .filter((b) => b !== 'unspecified' || c[b] > 0)
    .map((b) => `${c[b]}${b[0].toUpperCase()}`.padStart(5))
    .join('  ');
}
