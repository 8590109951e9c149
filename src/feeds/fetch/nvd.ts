import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { download, type DownloadOutcome, type DownloadProgress, type RetryPolicy } from './download.js';
import { sidecarPath } from './sidecar.js';
import { mirrorUrl, type NvdSource } from './sources.js';

export interface NvdFetchContext {
  outDir: string;
  mirror?: string;
  env: NodeJS.ProcessEnv;
  policy: RetryPolicy;
  onProgress?: (p: DownloadProgress) => void;
  onPage?: (outcome: DownloadOutcome & { path: string }) => void;
}

/** `nvd/cves-0004000.json`: zero-padded so pages sort in order. */
export function nvdPagePath(source: NvdSource, startIndex: number): string {
  return `${source.path}/cves-${String(startIndex).padStart(7, '0')}.json`;
}

/**
 * Walks the NVD CVE API 2.0 page by page (`startIndex`, `resultsPerPage`), saving each
 * response whole. The page tells how many results exist and how many it holds, so the
 * same loop reads a mirror that serves the saved pages. The API key goes only to the API.
 */
export async function fetchNvdPages(
  source: NvdSource,
  ctx: NvdFetchContext,
): Promise<(DownloadOutcome & { path: string })[]> {
  const apiKey = ctx.mirror ? undefined : ctx.env[source.apiKeyEnv] || undefined;
  const delayMs = ctx.mirror ? 0 : (source.delayMs ?? (apiKey ? 600 : 6000));
  const pages: (DownloadOutcome & { path: string })[] = [];
  let startIndex = 0;
  let total = Number.POSITIVE_INFINITY;
  while (startIndex < total) {
    if (startIndex > 0 && delayMs > 0) await ctx.policy.sleep(delayMs);
    const path = nvdPagePath(source, startIndex);
    const url = ctx.mirror
      ? mirrorUrl(ctx.mirror, path)
      : `${source.url}?resultsPerPage=${source.resultsPerPage}&startIndex=${startIndex}`;
    const dest = join(ctx.outDir, path);
    const outcome = await download(
      {
        url,
        dest,
        sidecar: sidecarPath(ctx.outDir, path),
        headers: apiKey ? { apiKey } : undefined,
        conditional: Boolean(ctx.mirror),
      },
      ctx.policy,
      ctx.onProgress,
    );
    const page = await readPage(dest);
    if (page.startIndex !== startIndex)
      throw new InputError(dest, `NVD page starts at ${page.startIndex}, expected ${startIndex}`);
    if (page.resultsPerPage < 1 && startIndex < page.totalResults)
      throw new InputError(dest, `NVD page holds no results but ${page.totalResults - startIndex} remain`);
    pages.push({ ...outcome, path });
    ctx.onPage?.({ ...outcome, path });
    total = page.totalResults;
    startIndex += page.resultsPerPage;
  }
  return pages;
}

async function readPage(file: string): Promise<{ startIndex: number; resultsPerPage: number; totalResults: number }> {
  let page: Record<string, unknown>;
  try {
    page = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new InputError(file, 'NVD response is not JSON', { cause });
  }
  const { startIndex, resultsPerPage, totalResults } = page ?? {};
  if (![startIndex, resultsPerPage, totalResults].every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    throw new InputError(file, 'NVD response lacks startIndex, resultsPerPage or totalResults');
  }
  return { startIndex, resultsPerPage, totalResults } as {
    startIndex: number;
    resultsPerPage: number;
    totalResults: number;
  };
}
