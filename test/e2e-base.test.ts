/**
 * Base images end to end, on the real Debian images of make-fixture-images.sh and a signed
 * bundle built from real feed records: three minbase releases go into the catalog; `app`
 * (bookworm minbase + 3 layers) is detected as built on debian:bookworm by its first layer;
 * debian:trixie is the updated base (bullseye is older and never offered), and every count
 * and delta equals what the stored findings and `cves --format json` of each image say,
 * computed here without the base module. `--only-base` / `--ignore-base` partition app's
 * findings along its first layer.
 *
 * The bundle holds the Debian tracker records (debian-vuln-list-debian, with their
 * bullseye, bookworm and trixie annotations), the tracker JSON excerpt and NVD severities.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BaseAdd from '../src/commands/base/add.js';
import BaseList from '../src/commands/base/list.js';
import BaseRm from '../src/commands/base/rm.js';
import Cves from '../src/commands/cves.js';
import DbImport from '../src/commands/db/import.js';
import Quickview from '../src/commands/quickview.js';
import Recommendations from '../src/commands/recommendations.js';
import Images from '../src/commands/images/index.js';
import Scan from '../src/commands/scan.js';
import { statePaths } from '../src/config/paths.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { openSnapshotStore } from '../src/store/open.js';
import type { SeverityCounts } from '../src/findings/model.js';
import { fixture, fixtures } from './support/fixtures.js';
import { buildFeedBundle, stateWithSigner } from './store/support/bundles.js';
import { run } from './support/run-command.js';

const FOLDERS = ['debian-vuln-list-debian', 'debian-tracker-json-excerpt', 'nvd'];
const BANDS = ['critical', 'high', 'medium', 'low', 'unspecified'] as const;
const summary = (name: string) => JSON.parse(readFileSync(path.join(fixtures, `${name}.truth/summary.json`), 'utf8'));

let work: string;
let bundle: string;
let signerPub: string;
let local: TestDb;
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  const state = await stateWithSigner();
  work = state.work;
  signerPub = path.join(state.home, 'keys', 'store-test.pub');
  process.env.AIRLOCK_HOME = state.home;
  bundle = await buildFeedBundle({
    out: path.join(work, 'seq1.airlock'),
    signer: state.signer,
    sequence: 1,
    folders: FOLDERS,
  });
  expect((await run(DbImport, [bundle])).code).toBe(0);
  // The same feeds, built locally: `--db FILE` makes every catalog count be matched afresh.
  local = await buildFeedDb(FOLDERS);
});

afterAll(async () => {
  await local?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(work, { recursive: true, force: true });
});

/** Counts per band straight from the store's finding rows: distinct (vulnerability, package group). */
async function storedCounts(name: string): Promise<SeverityCounts> {
  const store = await openSnapshotStore(statePaths().snapshotDb);
  try {
    const rows = await sql<{ band: string; n: number }>`
      select band, count(*) as n from (select distinct vuln_id, group_key, band from finding
      where image_id = (select image_id from image_name where name = ${name})) group by band`.execute(store);
    return Object.fromEntries(BANDS.map((b) => [b, rows.rows.find((r) => r.band === b)?.n ?? 0])) as SeverityCounts;
  } finally {
    await store.destroy();
  }
}

async function cvesJson(argv: string[]) {
  const out = await run(Cves, [...argv, '--format', 'json']);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout);
}

const minus = (a: SeverityCounts, b: SeverityCounts) =>
  Object.fromEntries(BANDS.map((k) => [k, a[k] - b[k]])) as SeverityCounts;
/** The quickview delta row as the issue shows it: `    -9    -13     -3     +6`. */
const deltaRow = (d: SeverityCounts, withU: boolean) =>
  BANDS.filter((b) => b !== 'unspecified' || withU)
    .map((b) => `${d[b] > 0 ? '+' : ''}${d[b]}`.padStart(5))
    .join('  ');
const cells = (c: SeverityCounts, withU: boolean) =>
  BANDS.filter((b) => b !== 'unspecified' || withU)
    .map((b) => `${c[b]}${b[0].toUpperCase()}`.padStart(5))
    .join('  ');

describe('base catalog, detection and recommendations on the real fixture images', () => {
  it('base add files each tarball under its --name, with its diff_id chain and build date', async () => {
    for (const [file, name] of [
      ['base.docker.tar', 'debian:bookworm'],
      ['base-trixie.docker.tar', 'debian:trixie'],
      ['base-bullseye.docker.tar', 'debian:bullseye'],
    ]) {
      const out = await run(BaseAdd, [fixture(file), '--name', name]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(
        new RegExp(`^Added ${name} to the base catalog: [0-9a-f]{12}, 1 layer, debian \\d+, built 2\\d{3}-`),
      );
    }
    const list = JSON.parse((await run(BaseList, ['--json'])).stdout);
    expect(list.map((e: { name: string }) => e.name)).toEqual(['debian:bookworm', 'debian:bullseye', 'debian:trixie']);
    for (const [entry, truth, os] of [
      [list[0], 'base', 'debian 12'],
      [list[1], 'base-bullseye', 'debian 11'],
      [list[2], 'base-trixie', 'debian 13'],
    ]) {
      expect(entry).toMatchObject({
        diffIds: summary(truth).diff_ids,
        digest: summary(truth).config_digest,
        os,
        evaluatedSequence: 1,
      });
      expect(entry.created).toMatch(/^2\d{3}-\d\d-\d\dT/);
      // The counts `base list` shows are the stored findings' and those `cves` reports.
      expect(entry.counts).toEqual(await storedCounts(entry.name));
      expect(entry.counts).toEqual((await cvesJson([entry.name])).counts);
    }
    // Real advisories hit every release, and not equally: the deltas below can be wrong.
    expect(list.map((e: { counts: SeverityCounts }) => e.counts.low + e.counts.medium + e.counts.high)).not.toContain(
      0,
    );
  });

  it('quickview of app: based on debian:bookworm by its first layer, debian:trixie offered as the update, never bullseye', async () => {
    const out = await run(Quickview, [fixture('app.docker.tar')]);
    expect(out.code).toBe(0);
    const bookworm = await storedCounts('debian:bookworm');
    const trixie = await storedCounts('debian:trixie');
    const app = (await cvesJson([fixture('app.docker.tar')])).counts as SeverityCounts;
    const lines = out.stdout.split('\n');
    const withU = (c: SeverityCounts) => c.unspecified > 0;
    const uTrixie = withU(trixie) || withU(bookworm);
    expect(lines.slice(1, 5)).toEqual([
      // The column: 2 spaces past the longest row, `  Updated base image  debian:trixie`.
      `  Your image  app:latest             │ ${cells(app, withU(app))}`,
      `  Base image  debian:bookworm        │ ${cells(bookworm, withU(bookworm))}`,
      `  Updated base image  debian:trixie  │ ${cells(trixie, uTrixie)}`,
      `                                     │ ${deltaRow(minus(trixie, bookworm), uTrixie)}`,
    ]);
    expect(out.stdout).not.toContain('bullseye');
    expect(out.stdout).not.toContain('Refreshed');
    // The fixtures' real findings differ between the releases, so the row can be wrong.
    expect(minus(trixie, bookworm)).not.toEqual({ critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 });
  });

  it('recommendations lists the candidates with counts and deltas, matched afresh against --db', async () => {
    const json = JSON.parse(
      (await run(Recommendations, [fixture('app.docker.tar'), '--db', local.file, '--json'])).stdout,
    );
    const bookworm = (await cvesJson(['debian:bookworm', '--db', local.file])).counts;
    const trixie = (await cvesJson(['debian:trixie', '--db', local.file])).counts;
    expect(json.base).toMatchObject({
      name: 'debian:bookworm',
      by: 'layers',
      counts: bookworm,
      digest: summary('base').config_digest,
      layers: { base: 1, image: 4, assumed: false },
    });
    expect(json.candidates).toEqual([
      {
        kind: 'updated',
        name: 'debian:trixie',
        digest: summary('base-trixie').config_digest,
        created: expect.any(String),
        os: 'debian 13',
        counts: trixie,
        delta: minus(trixie, bookworm),
      },
    ]);
    const refresh = JSON.parse(
      (await run(Recommendations, [fixture('app.docker.tar'), '--only-refresh', '--json'])).stdout,
    );
    expect(refresh.candidates).toEqual([]);
    expect(refresh.reason).toBe('the catalog has no newer build of debian:bookworm');
    const text = await run(Recommendations, [fixture('app.docker.tar'), '--only-update']);
    expect(text.stdout).toContain('Base image of app:latest: debian:bookworm (');
    expect(text.stdout).toContain('detected by layer prefix, 1 of 4 layers');
    expect(text.stdout).toMatch(/Updated base image {2}debian:trixie +│/);
  });

  it('--only-base and --ignore-base partition the findings of app along its first layer', async () => {
    const all = await cvesJson([fixture('app.docker.tar')]);
    const base = await cvesJson([fixture('app.docker.tar'), '--only-base']);
    const own = await cvesJson([fixture('app.docker.tar'), '--ignore-base']);
    const key = (f: { vulnId: string; package: { purl: string } }) => `${f.vulnId} ${f.package.purl}`;
    const [allKeys, baseKeys, ownKeys] = [all, base, own].map((r) => r.findings.map(key));
    expect([...baseKeys, ...ownKeys].sort()).toEqual([...allKeys].sort());
    expect(baseKeys.filter((k: string) => ownKeys.includes(k))).toEqual([]);
    expect(baseKeys.length).toBeGreaterThan(0);
    expect(ownKeys.length).toBeGreaterThan(0);
    const first = summary('app').diff_ids[0];
    expect(
      new Set(base.findings.map((f: { package: { introducedByLayer: string } }) => f.package.introducedByLayer)),
    ).toEqual(new Set([first]));
    expect(
      own.findings.every((f: { package: { introducedByLayer: string } }) => f.package.introducedByLayer !== first),
    ).toBe(true);
    // The SPDX report says the same: every package with an advisory reference names its layer (issue 12).
    const spdxLayers = async (filter: string) => {
      const doc = JSON.parse((await run(Cves, [fixture('app.docker.tar'), filter, '--format', 'spdx'])).stdout);
      const vulnerable = doc.packages.filter((p: { externalRefs?: { referenceCategory: string }[] }) =>
        p.externalRefs?.some((r) => r.referenceCategory === 'SECURITY'),
      );
      expect(vulnerable.length).toBeGreaterThan(0);
      return vulnerable.map((p: { sourceInfo: string }) => p.sourceInfo);
    };
    expect(new Set(await spdxLayers('--only-base'))).toEqual(new Set([`introduced by image layer ${first}`]));
    expect(
      (await spdxLayers('--ignore-base')).every(
        (s: string) => /^introduced by image layer sha256:/.test(s) && !s.endsWith(first),
      ),
    ).toBe(true);
    // Every base finding is on a package the bookworm minbase itself has, at the same version.
    const minbase = new Set(
      readFileSync(path.join(fixtures, 'base.truth/dpkg.tsv'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 2).join(' ')),
    );
    for (const f of base.findings) expect(minbase.has(`${f.package.name} ${f.package.version}`)).toBe(true);
    expect(base.base).toEqual({
      filter: 'only-base',
      name: 'debian:bookworm',
      digest: summary('base').config_digest,
      by: 'layers',
      baseLayers: 1,
      imageLayers: 4,
      assumedLayers: false,
    });
    expect(base.warnings).toContain(
      'only findings of the base image debian:bookworm (1 of 4 layers, detected by layer prefix)',
    );
  });

  it('the base image itself is its own base; base rm takes entries out, and their snapshots with them', async () => {
    const itself = await run(Quickview, [fixture('base.docker.tar')]);
    expect(itself.stdout).toMatch(/Base image {2}debian:bookworm +│/);
    expect(itself.stdout).toMatch(/Updated base image {2}debian:trixie +│/);
    const removed = await run(BaseRm, ['debian:trixie']);
    expect(removed.stdout).toBe(
      `Removed debian:trixie (${summary('base-trixie').config_digest.slice(7, 19)}) from the base catalog\nRemoved the stored snapshot ${summary('base-trixie').config_digest.slice(7, 19)}\n`,
    );
    const after = await run(Quickview, [fixture('app.docker.tar')]);
    expect(after.stdout).toMatch(/Base image {2}debian:bookworm +│/);
    expect(after.stdout).not.toContain('Updated base image');
    const again = await run(BaseRm, ['debian:trixie']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'error: debian:trixie is not in the base catalog\nhint: airlock base list shows the catalog\n',
    );
  });
});

describe('catalog entries are stored snapshots', () => {
  it('added before any database, they get findings at the next db import', async () => {
    const home = process.env.AIRLOCK_HOME;
    process.env.AIRLOCK_HOME = path.join(work, 'fresh-home');
    mkdirSync(statePaths().keyring, { recursive: true });
    copyFileSync(signerPub, path.join(statePaths().keyring, 'store-test.pub'));
    try {
      const added = await run(BaseAdd, [fixture('base-trixie.docker.tar'), '--name', 'debian:trixie']);
      expect(added.code).toBe(0);
      expect(added.stderr).toBe(
        `warning: no advisory database at ${statePaths().advisoryDb}: the base images are stored without findings and evaluated at the next airlock db import\n`,
      );
      const [before] = JSON.parse((await run(BaseList, ['--json'])).stdout);
      expect(before.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 });
      expect(before.evaluatedSequence).toBeUndefined();
      expect((await run(DbImport, [bundle])).code).toBe(0);
      const [after] = JSON.parse((await run(BaseList, ['--json'])).stdout);
      expect(after.evaluatedSequence).toBe(1);
      expect(after.counts).toEqual((await cvesJson(['debian:trixie'])).counts);
      expect(after.counts.low).toBeGreaterThan(0);
    } finally {
      process.env.AIRLOCK_HOME = home;
    }
  });

  it('an image stored by scan is filed as it is, and stays stored when it leaves the catalog', async () => {
    expect((await run(Scan, [fixture('base-bullseye.docker.tar'), '--name', 'mirror/debian:11'])).code).toBe(0);
    // The fixture is built afresh on each machine: its digest comes from its truth file.
    const short = (summary('base-bullseye').config_digest as string).slice('sha256:'.length, 'sha256:'.length + 12);
    const added = await run(BaseAdd, ['mirror/debian:11']);
    expect(added.stdout).toMatch(
      new RegExp(
        `^Added mirror/debian:11 to the base catalog: ${short}, 1 layer, debian 11, built .* \\(already stored\\)\n$`,
      ),
    );
    const list = JSON.parse((await run(BaseList, ['--json'])).stdout);
    expect(
      list
        .filter((e: { digest: string }) => e.digest === summary('base-bullseye').config_digest)
        .map((e: { name: string }) => e.name),
    ).toEqual(['debian:bullseye', 'mirror/debian:11']);
    expect((await run(BaseRm, ['mirror/debian:11'])).stdout).toBe(
      `Removed mirror/debian:11 (${short}) from the base catalog\n`,
    );
    const images = JSON.parse((await run(Images, ['--json'])).stdout);
    expect(images.some((i: { names: string[] }) => i.names.includes('mirror/debian:11'))).toBe(true);
  });
});
