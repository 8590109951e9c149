/**
 * `feeds fetch`: download the selected public feeds into a directory (connected side).
 * Progress and each finished file come through callbacks; failed downloads come back in
 * the result, so the caller can name each one before it fails as a whole.
 */
import type { DownloadProgress, RetryPolicy } from '../feeds/fetch/download.js';
import { fetchFeeds, type FetchedFile, type FetchFeedsResult } from '../feeds/fetch/fetch-feeds.js';
import { loadSources, selectSources } from '../feeds/fetch/sources.js';

export type { DownloadProgress, FetchedFile };

export interface FetchFeedsServiceOptions {
  outDir: string;
  /** Only these sources, by name; default all. */
  sources?: string[];
  /** Base URL serving the same relative paths. */
  mirror?: string;
  /** JSON file of sources to replace or add. */
  configFile?: string;
  /** Default: process.env (NVD_API_KEY). */
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  onProgress?: (progress: DownloadProgress) => void;
  onFile?: (file: FetchedFile) => void;
}

export async function fetchPublicFeeds(options: FetchFeedsServiceOptions): Promise<FetchFeedsResult> {
  const sources = selectSources(await loadSources(options.configFile), options.sources);
  return fetchFeeds({
    outDir: options.outDir,
    sources,
    mirror: options.mirror,
    env: options.env,
    retry: options.retry,
    onProgress: options.onProgress,
    onFile: options.onFile,
  });
}
