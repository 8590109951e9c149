import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rename, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer as csafImporter } from '../redhat-csaf/index.js';
import type { DownloadProgress } from './download.js';
import { fetchFeeds, type FetchFeedsOptions } from './fetch-feeds.js';
import { readSidecar, sidecarPath } from './sidecar.js';
import { END_OF_LIFE_PRODUCTS } from '../../match/end-of-life.js';
import { DEFAULT_SOURCES, loadSources, mirrorUrl, selectSources, type FeedSource } from './sources.js';
import { startFeedServer, type FeedServer } from './testdata/server.js';

// Every request in these tests goes to 127.0.0.1: sources are given explicitly or via --mirror.
const FEEDS = resolve(process.cwd(), '../shared/feeds');
const NVD_PAGE = join(FEEDS, 'nvd/nvd-api-2.0-page/full-page.json');
const KEV = 'cisa-kev/known_exploited_vulnerabilities.json';
const GO_ZIP = 'go-vulndb-osv/all.zip';
const EPSS = 'epss/epss_scores-2024-10-25.excerpt.csv';

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const files = (...paths: string[]): FeedSource => ({
  name: 'shared',
  kind: 'files',
  files: paths.map((path) => ({ url: `https://example.invalid/${path}`, path })),
});

describe('feeds fetch against a loopback mirror of ../shared/feeds', () => {
  let server: FeedServer;
  let out: string;
  let sleeps: number[];

  beforeAll(async () => {
    server = await startFeedServer(FEEDS, { nvdPage: NVD_PAGE });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'airlock-fetch-test-'));
    sleeps = [];
    server.requests.length = 0;
    server.faults.clear();
  });

  const run = (sources: FeedSource[], extra: Partial<FetchFeedsOptions> = {}) =>
    fetchFeeds({
      outDir: out,
      sources,
      mirror: server.url,
      retry: { attempts: 3, backoffMs: 250, sleep: async (ms) => void sleeps.push(ms) },
      ...extra,
    });

  it('downloads whole files byte for byte and keeps ETag/Last-Modified in a sidecar', async () => {
    const progress: DownloadProgress[] = [];
    const result = await run([files(KEV, GO_ZIP, EPSS)], { onProgress: (p) => progress.push(p) });
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => [f.path, f.status, f.attempts])).toEqual([
      [KEV, 'downloaded', 1],
      [GO_ZIP, 'downloaded', 1],
      [EPSS, 'downloaded', 1],
    ]);
    for (const path of [KEV, GO_ZIP, EPSS]) expect(await sha256(join(out, path))).toBe(await sha256(join(FEEDS, path)));
    const side = await readSidecar(sidecarPath(out, GO_ZIP));
    expect(side).toMatchObject({
      url: `${server.url}/${GO_ZIP}`,
      complete: true,
      bytes: 3179499,
      sha256: await sha256(join(FEEDS, GO_ZIP)),
    });
    expect(side?.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(side?.lastModified).toMatch(/GMT$/);
    const zipProgress = progress.filter((p) => p.dest.endsWith('all.zip'));
    expect(zipProgress.at(-1)).toMatchObject({ received: 3179499, total: 3179499 });
    expect(await readdir(out)).toEqual(expect.arrayContaining(['.fetch-state', 'cisa-kev', 'go-vulndb-osv', 'epss']));
  });

  it('resumes with a Range request after the server drops the connection mid-body', async () => {
    server.faults.set(`/${GO_ZIP}`, ['drop-mid-body']);
    const result = await run([files(GO_ZIP)]);
    expect(result.failures).toEqual([]);
    const [file] = result.files;
    expect(file.attempts).toBe(2);
    expect(file.resumedFrom).toBeGreaterThan(0);
    expect(file.resumedFrom).toBeLessThan(3179499);
    const [first, second] = server.requests;
    expect(first).toMatchObject({ path: `/${GO_ZIP}`, status: 200, range: undefined });
    expect(second).toMatchObject({ path: `/${GO_ZIP}`, status: 206, range: `bytes=${file.resumedFrom}-` });
    expect(second.ifRange).toMatch(/^"[0-9a-f]{40}"$/);
    expect(await sha256(join(out, GO_ZIP))).toBe(await sha256(join(FEEDS, GO_ZIP)));
    await expect(stat(join(out, `${GO_ZIP}.part`))).rejects.toThrow(/ENOENT/);
    expect(sleeps).toEqual([250]);
  });

  it('a transfer that stalls is aborted by the idle timeout and resumed', async () => {
    server.faults.set(`/${GO_ZIP}`, ['stall-mid-body']);
    const result = await run([files(GO_ZIP)], {
      retry: { attempts: 3, backoffMs: 250, idleTimeoutMs: 300, sleep: async (ms) => void sleeps.push(ms) },
    });
    expect(result.failures).toEqual([]);
    expect(result.files[0]).toMatchObject({ attempts: 2, resumedFrom: expect.any(Number) });
    expect(server.requests[1].status).toBe(206);
    expect(await sha256(join(out, GO_ZIP))).toBe(await sha256(join(FEEDS, GO_ZIP)));
  });

  it('retries after a 503 with backoff', async () => {
    server.faults.set(`/${KEV}`, ['503']);
    const result = await run([files(KEV)]);
    expect(result.files).toMatchObject([{ path: KEV, status: 'downloaded', attempts: 2 }]);
    expect(server.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(sleeps).toEqual([250]);
  });

  it('gives up after the bounded number of attempts, saying why', async () => {
    server.faults.set(`/${KEV}`, ['503', '503', '503']);
    const result = await run([files(KEV)]);
    expect(result.files).toEqual([]);
    expect(result.failures).toEqual([
      {
        source: 'shared',
        url: `${server.url}/${KEV}`,
        message: `${server.url}/${KEV}: download failed after 3 attempts: HTTP 503 Service Unavailable`,
        hint: 'the partial file is kept; run the fetch again to resume it',
      },
    ]);
    expect(sleeps).toEqual([250, 500]);
  });

  it('reports a 404 clearly, at once, and goes on with the other files', async () => {
    const result = await run([files('cisa-kev/known_exploited_vulnerabilities.json.missing', EPSS)]);
    expect(result.failures).toEqual([
      {
        source: 'shared',
        url: `${server.url}/cisa-kev/known_exploited_vulnerabilities.json.missing`,
        message: `${server.url}/cisa-kev/known_exploited_vulnerabilities.json.missing: HTTP 404 Not Found`,
        hint: 'the file is not at that address; check the source URL or the --mirror layout',
      },
    ]);
    expect(result.files.map((f) => f.path)).toEqual([EPSS]);
    expect(server.requests.filter((r) => r.status === 404)).toHaveLength(1);
  });

  it('a second fetch asks If-None-Match and leaves an unchanged file alone', async () => {
    await run([files(EPSS)]);
    const result = await run([files(EPSS)]);
    expect(result.files).toMatchObject([{ path: EPSS, status: 'not-modified' }]);
    expect(server.requests.at(-1)).toMatchObject({ status: 304, ifNoneMatch: expect.stringMatching(/^"/) });
    expect(await sha256(join(out, EPSS))).toBe(await sha256(join(FEEDS, EPSS)));
  });

  it('a .part from another version of the file is not spliced: If-Range fails and the download starts over', async () => {
    await mkdir(join(out, 'cisa-kev'), { recursive: true });
    await writeFile(join(out, `${KEV}.part`), 'stale bytes of an older catalogue');
    await mkdir(join(out, '.fetch-state', 'cisa-kev'), { recursive: true });
    await writeFile(
      sidecarPath(out, KEV),
      JSON.stringify({ url: `${server.url}/${KEV}`, etag: '"older-version"', complete: false }),
    );
    const result = await run([files(KEV)]);
    expect(server.requests[0]).toMatchObject({ range: 'bytes=33-', ifRange: '"older-version"', status: 200 });
    expect(result.files[0].resumedFrom).toBeUndefined();
    expect(await sha256(join(out, KEV))).toBe(await sha256(join(FEEDS, KEV)));
  });

  it('walks the NVD API page by page with the API key, and the saved pages serve as a mirror', async () => {
    const nvd: FeedSource = {
      name: 'nvd',
      kind: 'nvd-api',
      url: `${server.url}/rest/json/cves/2.0`,
      path: 'nvd',
      resultsPerPage: 10,
      apiKeyEnv: 'TEST_NVD_KEY',
      delayMs: 0,
    };
    const result = await fetchFeeds({
      outDir: out,
      sources: [nvd],
      env: { TEST_NVD_KEY: 'k-123' },
      retry: { sleep: async () => undefined },
    });
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual([
      'nvd/cves-0000000.json',
      'nvd/cves-0000010.json',
      'nvd/cves-0000020.json',
      'nvd/cves-0000030.json',
    ]);
    expect(server.requests.map((r) => [r.path, r.apiKey])).toEqual(
      [0, 10, 20, 30].map((i) => [`/rest/json/cves/2.0?resultsPerPage=10&startIndex=${i}`, 'k-123']),
    );
    const ids: string[] = [];
    for (const f of result.files)
      ids.push(
        ...JSON.parse(await readFile(join(out, f.path), 'utf8')).vulnerabilities.map(
          (v: { cve: { id: string } }) => v.cve.id,
        ),
      );
    const real = JSON.parse(await readFile(NVD_PAGE, 'utf8')).vulnerabilities.map(
      (v: { cve: { id: string } }) => v.cve.id,
    );
    expect(ids).toEqual(real);
    expect(ids[0]).toBe('CVE-2023-27314');

    const mirror = await startFeedServer(out);
    try {
      const copy = await mkdtemp(join(tmpdir(), 'airlock-fetch-mirror-'));
      const again = await fetchFeeds({
        outDir: copy,
        sources: [nvd],
        mirror: mirror.url,
        env: { TEST_NVD_KEY: 'k-123' },
        retry: { sleep: async () => undefined },
      });
      expect(again.files).toHaveLength(4);
      expect(mirror.requests.map((r) => [r.path, r.apiKey])).toEqual(
        [0, 10, 20, 30].map((i) => [`/nvd/cves-${String(i).padStart(7, '0')}.json`, undefined]),
      );
      for (const f of again.files) expect(await sha256(join(copy, f.path))).toBe(await sha256(join(out, f.path)));
    } finally {
      await mirror.close();
    }
  });
});

describe('a latest-archive source (Red Hat CSAF): pointer, then the archive it names', () => {
  const POINTER = 'redhat-csaf/advisories/archive_latest.txt';
  let site: string;
  let server: FeedServer;
  let out: string;
  beforeAll(async () => {
    // Red Hat's layout: the pointer file beside csaf_advisories_<date>.tar.zst, here holding the three real RHSAs.
    site = await mkdtemp(join(tmpdir(), 'airlock-redhat-site-'));
    const dir = join(site, 'redhat-csaf/advisories');
    await mkdir(dir, { recursive: true });
    const samples = join(FEEDS, 'redhat-csaf-samples');
    execFileSync('sh', [
      '-c',
      'tar --sort=name -cf - -C "$1" . | zstd -q -c > "$2"',
      'sh',
      samples,
      join(dir, 'csaf_advisories_2026-03-27.tar.zst'),
    ]);
    await writeFile(join(site, POINTER), 'csaf_advisories_2026-03-27.tar.zst\n');
    server = await startFeedServer(site);
    out = await mkdtemp(join(tmpdir(), 'airlock-redhat-out-'));
  });
  afterAll(() => server.close());
  const source: FeedSource = {
    name: 'redhat-csaf',
    kind: 'latest-archive',
    index: 'https://example.invalid/data/csaf/v2/advisories/archive_latest.txt',
    path: 'redhat-csaf/advisories',
  };
  const fetchIt = () =>
    fetchFeeds({ outDir: out, sources: [source], mirror: server.url, retry: { sleep: async () => undefined } });

  it('downloads the pointer and the archive; the importer reads the archive; a newer one replaces it', async () => {
    const first = await fetchIt();
    expect(first.failures).toEqual([]);
    expect(first.files.map((f) => [f.path, f.status])).toEqual([
      [POINTER, 'downloaded'],
      ['redhat-csaf/advisories/csaf_advisories_2026-03-27.tar.zst', 'downloaded'],
    ]);
    const advisories = await collect(csafImporter, join(out, 'redhat-csaf'));
    expect(advisories.advisories.map((a) => a.id)).toEqual([
      'CVE-2024-8088',
      'CVE-2024-8088',
      'CVE-2021-25220',
      'CVE-2025-40778',
    ]);

    // The next day's archive: the pointer names it, it is fetched, the old one goes.
    await rename(
      join(site, 'redhat-csaf/advisories/csaf_advisories_2026-03-27.tar.zst'),
      join(site, 'redhat-csaf/advisories/csaf_advisories_2026-03-28.tar.zst'),
    );
    await writeFile(join(site, POINTER), 'csaf_advisories_2026-03-28.tar.zst\n');
    const second = await fetchIt();
    expect(second.failures).toEqual([]);
    expect(second.files.map((f) => [f.path, f.status])).toEqual([
      [POINTER, 'downloaded'],
      ['redhat-csaf/advisories/csaf_advisories_2026-03-28.tar.zst', 'downloaded'],
    ]);
    expect((await readdir(join(out, 'redhat-csaf/advisories'))).sort()).toEqual([
      'archive_latest.txt',
      'csaf_advisories_2026-03-28.tar.zst',
    ]);
    expect((await fetchIt()).files.map((f) => f.status)).toEqual(['not-modified', 'not-modified']);
  });

  it('a pointer that names anything but an archive file is a failure of that source, and nothing is fetched from it', async () => {
    for (const bad of ['../../etc/passwd.tar.zst', 'https://evil.example/x.tar.zst', 'index.html']) {
      await writeFile(join(site, POINTER), `${bad}\n`);
      const result = await fetchIt();
      expect(result.failures).toEqual([
        {
          source: 'redhat-csaf',
          url: source.index,
          message: `${server.url}/${POINTER} does not name an archive: ${JSON.stringify(bad)}`,
          hint: 'expected one file name such as csaf_advisories_2026-11-22.tar.zst',
        },
      ]);
      expect(result.files.map((f) => f.path)).toEqual([POINTER]);
    }
  });
});

const DISTRO_NAMES = [
  'wolfi-secdb',
  'chainguard-secdb',
  'minimos-secdb',
  'chainguard-osv',
  'almalinux-osv',
  'rocky-osv',
];

describe('feed sources', () => {
  it('the default list covers every feed and uses https only', () => {
    expect(DEFAULT_SOURCES.map((s) => s.name)).toEqual([
      'debian-tracker',
      'alpine-secdb',
      'osv',
      'redhat-csaf',
      'redhat-csaf-vex',
      ...DISTRO_NAMES,
      'amazon-alas',
      'oracle-oval',
      'suse-oval',
      'mariner-oval',
      'photon-cve',
      'nvd',
      'cisa-kev',
      'epss',
      'endoflife',
    ]);
    const urls = DEFAULT_SOURCES.flatMap((s) =>
      s.kind === 'files'
        ? s.files.map((f) => f.url)
        : s.kind === 'nvd-api'
          ? [s.url]
          : s.kind === 'rss-pages'
            ? s.feeds.map((f) => f.url)
            : [s.index],
    );
    for (const url of urls) expect(new URL(url).protocol).toBe('https:');
    // Rocky's osv.dev ecosystem has a space: escaped in the URL, not in the path under --out.
    const rocky = DEFAULT_SOURCES.find((s) => s.name === 'rocky-osv');
    expect(rocky?.kind === 'files' && rocky.files).toEqual([
      {
        url: 'https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip',
        path: 'rocky-osv/Rocky-Linux/all.zip',
      },
    ]);
    // endoflife.date: one API v1 product response per distro the EOL warning knows.
    expect(DEFAULT_SOURCES.find((s) => s.name === 'endoflife')).toMatchObject({
      kind: 'files',
      files: expect.arrayContaining([
        { url: 'https://endoflife.date/api/v1/products/debian/', path: 'endoflife/debian.json' },
        { url: 'https://endoflife.date/api/v1/products/alpine-linux/', path: 'endoflife/alpine-linux.json' },
      ]),
    });
    // Every distro whose end of life a scan looks up (src/match/end-of-life.ts) is fetched under one of its names.
    const eol = DEFAULT_SOURCES.find((s) => s.name === 'endoflife');
    const fetchedProducts =
      eol?.kind === 'files' ? eol.files.map((f) => f.path.replace(/^endoflife\/|\.json$/g, '')) : [];
    for (const [id, names] of Object.entries(END_OF_LIFE_PRODUCTS))
      expect(
        names.some((name) => fetchedProducts.includes(name)),
        id,
      ).toBe(true);
  });

  it('a config file replaces same-named sources and adds new ones; paths may not escape --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'airlock-sources-'));
    const config = join(dir, 'sources.json');
    await writeFile(
      config,
      JSON.stringify({
        sources: [
          {
            name: 'epss',
            kind: 'files',
            files: [{ url: 'https://mirror.example/epss.csv.gz', path: 'epss/epss.csv.gz' }],
          },
          { name: 'ghsa', kind: 'files', files: [{ url: 'https://mirror.example/ghsa.zip', path: 'ghsa/all.zip' }] },
        ],
      }),
    );
    const sources = await loadSources(config);
    expect(sources.map((s) => s.name)).toEqual([
      'debian-tracker',
      'alpine-secdb',
      'osv',
      'redhat-csaf',
      'redhat-csaf-vex',
      ...DISTRO_NAMES,
      'amazon-alas',
      'oracle-oval',
      'suse-oval',
      'mariner-oval',
      'photon-cve',
      'nvd',
      'cisa-kev',
      'epss',
      'endoflife',
      'ghsa',
    ]);
    expect(sources.find((s) => s.name === 'epss')).toEqual({
      name: 'epss',
      kind: 'files',
      files: [{ url: 'https://mirror.example/epss.csv.gz', path: 'epss/epss.csv.gz' }],
    });
    await writeFile(
      config,
      JSON.stringify({
        sources: [{ name: 'evil', kind: 'files', files: [{ url: 'https://x.example/a', path: '../../etc/cron.d/a' }] }],
      }),
    );
    await expect(loadSources(config)).rejects.toThrow(
      `${config}: sources[0].files: path "../../etc/cron.d/a" must be relative, with no empty, "." or ".." segments`,
    );
  });

  it('--source picks by name and names the known ones when it does not know one', () => {
    expect(selectSources(DEFAULT_SOURCES, ['epss', 'cisa-kev']).map((s) => s.name)).toEqual(['epss', 'cisa-kev']);
    expect(() => selectSources(DEFAULT_SOURCES, ['ghsa'])).toThrow('unknown feed source ghsa');
  });

  it('a mirror serves the relative paths under its base URL', () => {
    expect(mirrorUrl('http://127.0.0.1:8080/feeds', 'osv/crates.io/all.zip')).toBe(
      'http://127.0.0.1:8080/feeds/osv/crates.io/all.zip',
    );
    expect(mirrorUrl('http://127.0.0.1:8080/feeds/', 'alpine-secdb/v3.20/main.json')).toBe(
      'http://127.0.0.1:8080/feeds/alpine-secdb/v3.20/main.json',
    );
  });
});
