/**
 * One feed file: fetched from the mirror's copy at its relative path when there is a
 * mirror, else from its public URL, into `OUT/path`, asking the server whether it
 * changed since the copy already there (its sidecar keeps the validators).
 */
import { join } from 'node:path';
import { download, type DownloadOutcome, type DownloadProgress, type RetryPolicy } from './download.js';
import { sidecarPath } from './sidecar.js';
import { mirrorUrl } from './sources.js';

export interface FeedFileTarget {
  outDir: string;
  mirror?: string;
  policy: RetryPolicy;
  onProgress?: (p: DownloadProgress) => void;
}

export function feedFileUrl(path: string, publicUrl: string, mirror: string | undefined): string {
  return mirror ? mirrorUrl(mirror, path) : publicUrl;
}

export function fetchFeedFile(path: string, publicUrl: string, target: FeedFileTarget): Promise<DownloadOutcome> {
  const url = feedFileUrl(path, publicUrl, target.mirror);
  return download(
    { url, dest: join(target.outDir, path), sidecar: sidecarPath(target.outDir, path), conditional: true },
    target.policy,
    target.onProgress,
  );
}
