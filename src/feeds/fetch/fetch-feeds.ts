import { UserError } from '../../errors.js';
import { DEFAULT_RETRY, type DownloadOutcome, type DownloadProgress, type RetryPolicy } from './download.js';
import { feedFileUrl, fetchFeedFile, type FeedFileTarget } from './feed-file.js';
import { fetchLatestArchive } from './latest-archive.js';
import { fetchNvdPages } from './nvd.js';
import { fetchRssPages } from './rss-pages.js';
import type { FeedSource } from './sources.js';

export interface FetchFeedsOptions {
  outDir: string;
  sources: FeedSource[];
  /** Base URL of a mirror serving the same relative paths as the output tree. */
  mirror?: string;
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  onProgress?: (p: DownloadProgress) => void;
  onFile?: (file: FetchedFile) => void;
}

export interface FetchedFile {
  source: string;
  path: string;
  url: string;
  status: 'downloaded' | 'not-modified';
  bytes: number;
  attempts: number;
  resumedFrom?: number;
}

export interface FetchFailure {
  source: string;
  url: string;
  message: string;
  hint?: string;
}

export interface FetchFeedsResult {
  files: FetchedFile[];
  failures: FetchFailure[];
}

/**
 * Downloads every file of the chosen sources into `outDir`. A failing file is recorded
 * and the rest go on (one dead mirror path should not cost the other feeds); for NVD a
 * failing page ends that source, since later pages cannot be located without it, and
 * for a latest-archive source a failing pointer ends it likewise.
 */
export async function fetchFeeds(options: FetchFeedsOptions): Promise<FetchFeedsResult> {
  if (options.mirror !== undefined) checkMirror(options.mirror);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const target: FeedFileTarget = {
    outDir: options.outDir,
    mirror: options.mirror,
    policy,
    onProgress: options.onProgress,
  };
  const result: FetchFeedsResult = { files: [], failures: [] };
  const record = (file: FetchedFile) => {
    result.files.push(file);
    options.onFile?.(file);
  };
  const recordDownload = (source: string, path: string, o: DownloadOutcome) =>
    record({
      source,
      path,
      url: o.url,
      status: o.status,
      bytes: o.bytes,
      attempts: o.attempts,
      resumedFrom: o.resumedFrom,
    });
  for (const source of options.sources) {
    if (source.kind === 'nvd-api') {
      try {
        await fetchNvdPages(source, {
          outDir: options.outDir,
          mirror: options.mirror,
          env: options.env ?? process.env,
          policy,
          onProgress: options.onProgress,
          onPage: (page) =>
            record({
              source: source.name,
              path: page.path,
              url: page.url,
              status: page.status,
              bytes: page.bytes,
              attempts: page.attempts,
              resumedFrom: page.resumedFrom,
            }),
        });
      } catch (err) {
        result.failures.push(failure(source.name, source.url, err));
      }
      continue;
    }
    if (source.kind === 'latest-archive') {
      try {
        await fetchLatestArchive(source, {
          ...target,
          onFile: (path, outcome) => recordDownload(source.name, path, outcome),
        });
      } catch (err) {
        result.failures.push(failure(source.name, source.index, err));
      }
      continue;
    }
    if (source.kind === 'rss-pages') {
      try {
        await fetchRssPages(source, {
          ...target,
          onFile: (path, outcome) => recordDownload(source.name, path, outcome),
          onPageFailure: (url, err) => result.failures.push(failure(source.name, url, err)),
        });
      } catch (err) {
        result.failures.push(failure(source.name, source.feeds[0]?.url ?? source.name, err));
      }
      continue;
    }
    for (const file of source.files) {
      try {
        recordDownload(source.name, file.path, await fetchFeedFile(file.path, file.url, target));
      } catch (err) {
        result.failures.push(failure(source.name, feedFileUrl(file.path, file.url, options.mirror), err));
      }
    }
  }
  return result;
}

function failure(source: string, url: string, err: unknown): FetchFailure {
  if (err instanceof UserError) return { source, url, message: err.message, hint: err.hint };
  throw err;
}

function checkMirror(mirror: string): void {
  let url: URL | undefined;
  try {
    url = new URL(mirror);
  } catch {
    /* reported below */
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new UserError(`--mirror ${JSON.stringify(mirror)} is not an http(s) URL`);
}
