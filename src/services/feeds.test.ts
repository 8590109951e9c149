/** `feeds fetch` as a service: sources from a config file, chosen by name, fetched from a loopback mirror. */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../bundle/testdata/fixtures.js';
import type { FetchedFile } from '../feeds/fetch/fetch-feeds.js';
import { startFeedServer, type FeedServer } from '../feeds/fetch/testdata/server.js';
import { fetchPublicFeeds } from './feeds.js';

const FEEDS = resolve(process.cwd(), '../shared/feeds');
const KEV = 'cisa-kev/known_exploited_vulnerabilities.json';
const EPSS = 'epss/epss_scores-2024-10-25.excerpt.csv';
const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('feeds service', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer(FEEDS);
  });
  afterAll(() => server.close());

  it('fetches only the sources named, as the config file defines them, and says each file as it lands', async () => {
    const dir = await tempDir('feeds-service');
    const configFile = join(dir, 'sources.json');
    const source = (name: string, path: string) => ({
      name,
      kind: 'files',
      files: [{ url: `https://example.invalid/${path}`, path }],
    });
    await writeFile(configFile, JSON.stringify({ sources: [source('local-kev', KEV), source('local-epss', EPSS)] }));
    const outDir = join(dir, 'out');
    const landed: FetchedFile[] = [];
    const result = await fetchPublicFeeds({
      outDir,
      sources: ['local-kev'],
      configFile,
      mirror: server.url,
      onFile: (f) => landed.push(f),
    });
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => [f.source, f.path, f.status])).toEqual([['local-kev', KEV, 'downloaded']]);
    expect(landed).toEqual(result.files);
    expect(await sha256(join(outDir, KEV))).toBe(await sha256(join(FEEDS, KEV)));
    expect(server.requests.map((r) => r.path)).toEqual([`/${KEV}`]);

    await expect(fetchPublicFeeds({ outDir, sources: ['nope'], configFile, mirror: server.url })).rejects.toThrow(
      'unknown feed source nope',
    );
  });
});
