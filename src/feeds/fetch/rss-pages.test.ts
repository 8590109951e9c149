/**
 * `feeds fetch` for Amazon Linux's ALAS: the release feed, then every page it links to,
 * from a loopback mirror laid out like the public site (the real sample feed and page of
 * ALAS-2023-126), and what lands under --out is what the ALAS importer reads.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer as alas } from '../amazon-alas/index.js';
import { collect } from '../testdata/collect.js';
import { fetchFeeds } from './fetch-feeds.js';
import { DEFAULT_SOURCES, type RssPagesSource } from './sources.js';
import { startFeedServer, type FeedServer } from './testdata/server.js';

const SAMPLE = resolve(process.cwd(), '../shared/feed-samples/vunnel/amazon/test-fixtures/input');

describe('feeds fetch: an rss-pages source (Amazon Linux ALAS)', () => {
  let site: string;
  let out: string;
  let server: FeedServer;
  const source: RssPagesSource = {
    name: 'amazon-alas',
    kind: 'rss-pages',
    feeds: [
      { url: 'https://alas.example/AL2023/alas.rss', path: 'amazon/2023_rss.xml', pagesPath: 'amazon/2023_html' },
    ],
  };

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'airlock-alas-site-'));
    out = await mkdtemp(join(tmpdir(), 'airlock-alas-out-'));
    await mkdir(join(site, 'amazon/2023_html'), { recursive: true });
    // The mirror serves the relative paths; the feed's links name the public pages, whose names the paths keep.
    const rss = (await readFile(join(SAMPLE, '2023_rss.xml'), 'utf8')).replaceAll(
      'https://alas.aws.amazon.com/',
      'https://alas.example/',
    );
    await writeFile(join(site, 'amazon/2023_rss.xml'), rss);
    await copyFile(join(SAMPLE, '2023_html/ALAS-2023-126'), join(site, 'amazon/2023_html/ALAS-2023-126.html'));
    server = await startFeedServer(site);
  });
  afterAll(async () => {
    await server.close();
    await rm(site, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('fetches the feed and each linked page; the result imports as ALAS advisories', async () => {
    const result = await fetchFeeds({ outDir: out, sources: [source], mirror: server.url });
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['amazon/2023_rss.xml', 'downloaded'],
      ['amazon/2023_html/ALAS-2023-126.html', 'downloaded'],
    ]);
    const { advisories, warnings } = await collect(alas, join(out, 'amazon/2023_rss.xml'));
    expect(warnings).toEqual([]);
    expect(
      advisories.map((a) => [a.id, a.affected.map((row) => [row.namespace, row.package, row.fixedVersion])]),
    ).toEqual(
      ['CVE-2022-3787', 'CVE-2022-41973', 'CVE-2022-41974'].map((cve) => [
        cve,
        [['amazon:2023', 'device-mapper-multipath', '0.8.7-16.amzn2023.0.1']],
      ]),
    );
  });

  it('refuses links that leave the feed host or are not page names, and fetches the rest', async () => {
    const rss = (await readFile(join(site, 'amazon/2023_rss.xml'), 'utf8')).replace(
      '</channel>',
      '<item><title>ALAS-2023-999 (low): x</title><link>https://elsewhere.example/AL2023/ALAS-2023-999.html</link></item></channel>',
    );
    await writeFile(join(site, 'amazon/2023_rss.xml'), rss);
    const result = await fetchFeeds({ outDir: out, sources: [source], mirror: server.url });
    expect(result.failures.map((f) => f.message)).toEqual([
      'https://alas.example/AL2023/alas.rss links to "https://elsewhere.example/AL2023/ALAS-2023-999.html", not an advisory page on its own host',
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['amazon/2023_rss.xml', 'amazon/2023_html/ALAS-2023-126.html']);
  });

  it('the default sources name every Amazon Linux release feed, written where the importer looks for their pages', () => {
    const amazon = DEFAULT_SOURCES.find((s) => s.name === 'amazon-alas') as RssPagesSource;
    expect(amazon.feeds.map((f) => [new URL(f.url).pathname, f.path, f.pagesPath])).toEqual([
      ['/alas.rss', 'amazon/1_rss.xml', 'amazon/1_html'],
      ['/AL2/alas.rss', 'amazon/2_rss.xml', 'amazon/2_html'],
      ['/AL2022/alas.rss', 'amazon/2022_rss.xml', 'amazon/2022_html'],
      ['/AL2023/alas.rss', 'amazon/2023_rss.xml', 'amazon/2023_html'],
    ]);
  });
});
