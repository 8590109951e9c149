import { readdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { FeedImporter } from '../advisories/model.js';
import { InputError } from '../errors.js';
import { importer as alpine } from '../feeds/alpine-secdb/index.js';
import { importer as debianLists } from '../feeds/debian-lists/index.js';
import { writeTrackerCheckout } from '../feeds/debian-lists/testdata/vuln-list.js';
import { importer as trackerJson } from '../feeds/debian-tracker-json/index.js';
import { importer as debianVulnList } from '../feeds/debian-vuln-list/index.js';
import { buildAdvisoryDatabase, type BuildProgress } from './build.js';
import { openAdvisoryDb, type AdvisoryDb } from './open.js';
import { affectedFor } from './queries.js';
import { readSourceMeta } from './vulnerability-info.js';
import { feed, scratchDir } from './testdata/paths.js';

const IMPORTERS = [trackerJson, debianVulnList, debianLists, alpine];

async function feedsDirWith(label: string, folders: string[]): Promise<string> {
  const dir = await scratchDir(label);
  for (const folder of folders) await symlink(feed(folder), path.join(dir, folder));
  return dir;
}

async function withDatabase<T>(file: string, fn: (db: AdvisoryDb) => Promise<T>): Promise<T> {
  const db = await openAdvisoryDb(file, { readonly: true });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

describe('buildAdvisoryDatabase from the real Debian and Alpine feeds', async () => {
  const feedsDir = await feedsDirWith('feeds', ['debian-tracker-json-excerpt', 'debian-vuln-list-debian', 'debian-security-tracker-lists', 'alpine-secdb']);
  await symlink(feed('PROVENANCE.md'), path.join(feedsDir, 'PROVENANCE.md'));
  const outFile = path.join(await scratchDir('out'), 'advisories.db');
  const progress: BuildProgress[] = [];
  const result = await buildAdvisoryDatabase({ feedsDir, outFile, importers: IMPORTERS, onProgress: (e) => progress.push(e) });

  it('finds every feed, however deep, and nothing else', () => {
    const reads = progress.filter((e) => e.kind === 'read').map((e) => (e.kind === 'read' ? `${e.source} ${path.relative(feedsDir, e.path)}` : ''));
    expect(reads.filter((r) => !r.startsWith('alpine-secdb'))).toEqual([
      'debian-lists debian-security-tracker-lists',
      'debian-tracker-json debian-tracker-json-excerpt/debian.json',
      'debian-vuln-list debian-vuln-list-debian',
    ]);
    expect(reads.filter((r) => r.startsWith('alpine-secdb'))).toHaveLength(16 + 7);
    expect(reads).toContain('alpine-secdb alpine-secdb/vuln-list-split/alpine/3.20/main/zlib.json');
  });

  it('reports per source what went in, with the one real warning', async () => {
    expect(result.sources.map((s) => [s.name, s.warnings])).toEqual([
      ['alpine-secdb', 0], ['debian-lists', 0], ['debian-tracker-json', 1], ['debian-vuln-list', 0],
    ]);
    expect(result.sources.find((s) => s.name === 'debian-tracker-json')?.records).toBe(6);
    expect(result.sources.find((s) => s.name === 'debian-lists')?.dataDate).toBe('2023-04-01');
    expect(result.sources.find((s) => s.name === 'debian-vuln-list')?.dataDate).toBe('2024-04-23');
    expect(result.warnings.map((w) => w.message)).toEqual(['chromium-browser CVE-2022-0358: "releases" is [], not an object of releases; skipped']);
    await withDatabase(outFile, async (db) => {
      expect(await readSourceMeta(db)).toEqual(result.sources.map((s) => ({ source: s.name, records: s.records, warnings: s.warnings, dataDate: s.dataDate })));
    });
  });

  it('leaves only the finished file, analyzed, with no journal or temporary file', async () => {
    expect(await readdir(path.dirname(outFile))).toEqual(['advisories.db']);
    await withDatabase(outFile, async (db) => {
      const stats = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1 order by tbl`.execute(db);
      expect(stats.rows.map((r) => r.tbl)).toContain('affected');
    });
  });

  it('answers the matcher: glibc in bookworm, zlib in Alpine 3.20, db in Alpine 3.8', async () => {
    await withDatabase(outFile, async (db) => {
      const glibc = await affectedFor(db, 'debian:bookworm', ['glibc']);
      expect(glibc.find((r) => r.vulnId === 'CVE-2023-4911')).toEqual({
        vulnId: 'CVE-2023-4911', source: 'debian-vuln-list', namespace: 'debian:bookworm', package: 'glibc',
        status: 'fixed', fixedVersion: '2.36-9+deb12u3', fixedBy: 'DSA-5514-1', ranges: [], versions: [],
      });
      expect(glibc.find((r) => r.vulnId === 'CVE-2024-2961')).toMatchObject({ fixedVersion: '2.36-9+deb12u6', fixedBy: 'DSA-5673-1' });
      const zlib = await affectedFor(db, 'alpine:3.20', ['zlib']);
      expect(zlib.map((r) => [r.vulnId, r.status])).toEqual([
        ['CVE-2018-25032', 'fixed'], ['CVE-2022-37434', 'fixed'], ['CVE-2023-45853', 'not_affected'], ['CVE-2023-6992', 'not_affected'],
      ]);
      expect((await affectedFor(db, 'alpine:3.8', ['db'])).every((r) => r.status === 'not_affected')).toBe(true);
      expect(await affectedFor(db, 'debian:bookworm', ['no-such-package'])).toEqual([]);
    });
  });

  it('looks up more packages than one query may bind (every package of the release with the most)', async () => {
    await withDatabase(outFile, async (db) => {
      const widest = await db
        .selectFrom('affected')
        .select(['namespace', (eb) => eb.fn.count<number>('package').distinct().as('packages'), (eb) => eb.fn.countAll<number>().as('rows')])
        .groupBy('namespace')
        .orderBy('packages', 'desc')
        .executeTakeFirstOrThrow();
      expect(widest.packages).toBeGreaterThan(500); // queries bind at most 500 names each
      const names = (await db.selectFrom('affected').select('package').distinct().where('namespace', '=', widest.namespace).execute()).map((r) => r.package);
      const rows = await affectedFor(db, widest.namespace, names);
      expect(rows.length).toBe(widest.rows);
      expect(new Set(rows.map((r) => r.package)).size).toBe(widest.packages);
    });
  });
});

describe('buildAdvisoryDatabase when one importer claims the whole directory', () => {
  it('still offers the deeper entries to the other importers', async () => {
    // A tracker checkout that also holds the Alpine feed: debian-lists takes the root, alpine-secdb its files.
    const feedsDir = await scratchDir('nested');
    await symlink(feed('debian-security-tracker-lists', 'data'), path.join(feedsDir, 'data'));
    await symlink(feed('alpine-secdb'), path.join(feedsDir, 'alpine-secdb'));
    const reads: string[] = [];
    const outFile = path.join(await scratchDir('nested-out'), 'a.db');
    const result = await buildAdvisoryDatabase({
      feedsDir, outFile, importers: IMPORTERS, onProgress: (e) => e.kind === 'read' && reads.push(`${e.source} ${path.relative(feedsDir, e.path)}`),
    });
    expect(reads[0]).toBe('debian-lists ');
    expect(reads.filter((r) => r.startsWith('alpine-secdb '))).toHaveLength(16 + 7);
    expect(result.sources.map((s) => s.name)).toEqual(['debian-lists', 'alpine-secdb']);
  });
});

describe('buildAdvisoryDatabase with two renderings of the same tracker data', async () => {
  const feedsDir = await feedsDirWith('dup', ['debian-vuln-list-debian']);
  await writeTrackerCheckout(path.join(feedsDir, 'security-tracker'));

  it.each([
    [[debianVulnList, debianLists], 'debian-vuln-list'],
    [[debianLists, debianVulnList], 'debian-lists'],
  ])('keeps one row per package, release and CVE: the preferred source\'s', async (importers, preferred) => {
    const outFile = path.join(await scratchDir('dup-out'), 'a.db');
    await buildAdvisoryDatabase({ feedsDir, outFile, importers: importers as FeedImporter[] });
    await withDatabase(outFile, async (db) => {
      const rows = await affectedFor(db, 'debian:bookworm', ['glibc']);
      expect(rows.map((r) => r.vulnId)).toEqual(['CVE-2010-4756', 'CVE-2023-4911', 'CVE-2024-2961']);
      expect(new Set(rows.map((r) => r.source))).toEqual(new Set([preferred]));
      const sources = await db.selectFrom('advisory_source').select('source').distinct().where('vuln_id', '=', 'CVE-2023-4911').execute();
      expect(sources.map((s) => s.source).sort()).toEqual(['debian-lists', 'debian-vuln-list']);
    });
  });
});

describe('buildAdvisoryDatabase failures', () => {
  it('removes the partial database when an importer fails, and rethrows', async () => {
    const feedsDir = await feedsDirWith('fail', ['alpine-secdb']);
    const outDir = await scratchDir('fail-out');
    const failing: FeedImporter = {
      name: 'alpine-secdb',
      detect: alpine.detect,
      async *read(file, ctx) {
        yield* alpine.read(file, ctx);
        if (file.endsWith('v3.8/main.yaml')) throw new InputError(file, 'unreadable');
      },
    };
    await expect(buildAdvisoryDatabase({ feedsDir, outFile: path.join(outDir, 'a.db'), importers: [failing] })).rejects.toThrow(/v3\.8\/main\.yaml: unreadable/);
    expect(await readdir(outDir)).toEqual([]);
  });

  it('names a feeds directory that is missing or holds no known feed', async () => {
    const outDir = await scratchDir('none-out');
    const missing = path.join(outDir, 'feeds');
    await expect(buildAdvisoryDatabase({ feedsDir: missing, outFile: path.join(outDir, 'a.db'), importers: IMPORTERS })).rejects.toThrow(
      new InputError(missing, 'feeds directory not found'),
    );
    const onlyKev = await feedsDirWith('kev-only', ['cisa-kev']);
    await expect(buildAdvisoryDatabase({ feedsDir: onlyKev, outFile: path.join(outDir, 'a.db'), importers: IMPORTERS })).rejects.toThrow(
      /holds no feed that an importer recognizes/,
    );
    expect(await readdir(outDir)).toEqual([]);
    expect((await stat(onlyKev)).isDirectory()).toBe(true);
  });
});
