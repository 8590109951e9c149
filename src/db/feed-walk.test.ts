import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FeedImporter } from '../advisories/model.js';
import { allImporters } from '../feeds/registry.js';
import { buildAdvisoryDatabase } from './build.js';
import { claimedEntries } from './feed-walk.js';
import { FEEDS, feed, scratchDir } from './testdata/paths.js';

/** Every file below `entry` (the file itself when it is one), as the importers' walkers see them. */
async function filesUnder(entry: string): Promise<string[]> {
  if (!(await stat(entry)).isDirectory()) return [entry];
  const names = await readdir(entry, { recursive: true, withFileTypes: true });
  return names
    .filter((d) => d.isFile() && !path.relative(entry, path.join(d.parentPath, d.name)).split(path.sep).some((p) => p.startsWith('.')))
    .map((d) => path.join(d.parentPath, d.name));
}

/** How many importer reads cover each file of `root`, from one walk; and the walk's warnings. */
async function readsPerFile(root: string, importers: FeedImporter[] = allImporters) {
  const reads = new Map<string, string[]>();
  for (const file of await filesUnder(root)) reads.set(path.relative(root, file), []);
  const problems: string[] = [];
  for await (const claim of claimedEntries(root, importers)) {
    if ('problem' in claim) {
      problems.push(`${path.relative(root, claim.path)}: ${claim.problem}`);
      continue;
    }
    for (const file of await filesUnder(claim.path)) {
      for (const importer of claim.importers) reads.get(path.relative(root, file))!.push(importer.name);
    }
  }
  return { reads, problems };
}

/**
 * Files of ../shared/feeds that are no feed data: provenance notes, KEV's CSV twin and its JSON
 * schema (a SOURCES.tsv inside a checkout claimed whole, debian-vuln-list-debian's, counts as read).
 */
const NOT_FEED_DATA = [
  'PROVENANCE.md',
  'alpine-secdb/vuln-list-split/SOURCES.tsv',
  'ghsa-osv/SOURCES.tsv',
  'nvd/fkie-cad-nvd-json-data-feeds/SOURCES.tsv',
  'cisa-kev/known_exploited_vulnerabilities.csv',
  'cisa-kev/known_exploited_vulnerabilities_schema.json',
];

describe('the feed walk over all of ../shared/feeds', async () => {
  const { reads, problems } = await readsPerFile(FEEDS);

  it('hands every feed file to exactly one importer', () => {
    const twice = [...reads].filter(([, by]) => by.length > 1);
    expect(twice).toEqual([]);
    const unread = [...reads].filter(([, by]) => by.length === 0).map(([file]) => file);
    expect(unread.sort()).toEqual([...NOT_FEED_DATA].sort());
    expect(problems).toEqual([]);
  });

  it('gives NVD records to nvd, CVE 5 records to cve5 and EPSS rows to epss, never the root folder', () => {
    const by = (file: string) => reads.get(file);
    expect(by('nvd/nvd-api-2.0-page/full-page.json')).toEqual(['nvd']);
    expect(by('nvd/vuln-list-nvd/api/2024/CVE-2024-5732.json')).toEqual(['nvd']);
    expect(by('nvd/cisa-vulnrichment-cve5/vulnrichment-subset.zip')).toEqual(['cve5']);
    expect(by('epss/epss_scores-2024-10-25.excerpt.csv')).toEqual(['epss']);
    expect(by('go-vulndb-osv/all.zip')).toEqual(['osv']);
    expect(by('cisa-kev/known_exploited_vulnerabilities.json')).toEqual(['kev']);
  });
});

/** The tree `airlock feeds fetch` writes (src/feeds/fetch/sources.ts), filled with real files of ../shared/feeds. */
async function fetchLayout(): Promise<string> {
  const out = await scratchDir('fetch-layout');
  const put = async (to: string, from: string | Buffer) => {
    await mkdir(path.dirname(path.join(out, to)), { recursive: true });
    if (typeof from === 'string') await copyFile(from, path.join(out, to));
    else await writeFile(path.join(out, to), from);
  };
  await put('nvd/cves-0000000.json', feed('nvd/nvd-api-2.0-page/full-page.json'));
  await put('.fetch-state/nvd/cves-0000000.json.json', Buffer.from('{"url":"https://services.nvd.nist.gov/","complete":true}'));
  await put('epss/epss_scores-current.csv.gz', gzipSync(await readFile(feed('epss/epss_scores-2024-10-25.excerpt.csv'))));
  await put('cisa-kev/known_exploited_vulnerabilities.json', feed('cisa-kev/known_exploited_vulnerabilities.json'));
  await put('osv/Go/all.zip', feed('go-vulndb-osv/all.zip'));
  await put('osv/PyPI/all.zip', feed('pypa-osv/pypa-advisories.zip'));
  await put('debian-tracker/debian.json', feed('debian-tracker-json-excerpt/debian.json'));
  await put('alpine-secdb/v3.20/main.json', feed('alpine-secdb/vuln-list-split/alpine/3.20/main/openssl.json'));
  // Red Hat's CSAF advisories arrive as one .tar.zst named by the pointer file beside it.
  await put('redhat-csaf/advisories/archive_latest.txt', Buffer.from('csaf_advisories_2025-12-01.tar.zst\n'));
  const csafDir = feed('redhat-csaf-samples');
  execFileSync('tar', ['--zstd', '-cf', path.join(out, 'redhat-csaf/advisories/csaf_advisories_2025-12-01.tar.zst'), '-C', csafDir, '.']);
  return out;
}

describe('the feed walk over the `feeds fetch` layout', async () => {
  const root = await fetchLayout();

  it('reads each downloaded file with exactly one importer, and the fetch state with none', async () => {
    const { reads, problems } = await readsPerFile(root);
    expect(Object.fromEntries(reads)).toEqual({
      'nvd/cves-0000000.json': ['nvd'],
      'epss/epss_scores-current.csv.gz': ['epss'],
      'cisa-kev/known_exploited_vulnerabilities.json': ['kev'],
      'osv/Go/all.zip': ['osv'],
      'osv/PyPI/all.zip': ['osv'],
      'debian-tracker/debian.json': ['debian-tracker-json'],
      'alpine-secdb/v3.20/main.json': ['alpine-secdb'],
      'redhat-csaf/advisories/archive_latest.txt': [],
      'redhat-csaf/advisories/csaf_advisories_2025-12-01.tar.zst': ['redhat-csaf'],
    });
    expect(problems).toEqual([]);
  });

  it('builds with one read event per claimed file', async () => {
    const events: string[] = [];
    const outFile = path.join(await scratchDir('fetch-layout-out'), 'a.db');
    const result = await buildAdvisoryDatabase({
      feedsDir: root,
      outFile,
      importers: allImporters,
      onProgress: (e) => e.kind === 'read' && events.push(`${e.source} ${path.relative(root, e.path)}`),
    });
    expect(events).toHaveLength(8);
    expect(new Set(events).size).toBe(8);
    expect(result.sources.find((s) => s.name === 'osv')?.records).toBeGreaterThan(6000);
    expect(result.sources.find((s) => s.name === 'redhat-csaf')?.records).toBeGreaterThan(0);
  });
});

describe('the feed walk with a truncated download', () => {
  it('warns naming the file instead of passing over it', async () => {
    const root = await scratchDir('truncated');
    const page = await readFile(feed('nvd/nvd-api-2.0-page/full-page.json'));
    await mkdir(path.join(root, 'nvd'));
    await writeFile(path.join(root, 'nvd/cves-0000000.json'), page.subarray(0, page.length >> 1));
    const { problems } = await readsPerFile(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^nvd\/cves-0000000\.json: unreadable JSON: /);
  });
});
