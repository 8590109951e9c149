/**
 * Fetching a `latest-archive` source (sources.ts): the pointer file, then the archive it
 * names, then the older archives of that folder removed, so the feed folder holds one
 * full copy for the importers. The pointer's content is untrusted: it must be a plain
 * archive file name, so it can neither climb out of the folder nor point elsewhere.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { UserError } from '../../errors.js';
import { isTarFeedName } from '../common/feed-tar.js';
import type { DownloadOutcome } from './download.js';
import { fetchFeedFile, type FeedFileTarget } from './feed-file.js';
import { sidecarPath } from './sidecar.js';
import type { LatestArchiveSource } from './sources.js';

const ARCHIVE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface LatestArchiveContext extends FeedFileTarget {
  /** Called for the pointer and for the archive. */
  onFile: (path: string, outcome: DownloadOutcome) => void;
}

export async function fetchLatestArchive(source: LatestArchiveSource, ctx: LatestArchiveContext): Promise<void> {
  const pointerName = posix.basename(new URL(source.index).pathname) || 'archive_latest.txt';
  const pointerPath = posix.join(source.path, pointerName);
  const pointer = await fetchFeedFile(pointerPath, source.index, ctx);
  ctx.onFile(pointerPath, pointer);

  const name = (await readFile(join(ctx.outDir, pointerPath), 'utf8')).trim();
  if (!ARCHIVE_NAME.test(name) || !isTarFeedName(name)) {
    throw new UserError(`${pointer.url} does not name an archive: ${JSON.stringify(name.slice(0, 80))}`, {
      hint: 'expected one file name such as csaf_advisories_2026-11-22.tar.zst',
    });
  }
  const archivePath = posix.join(source.path, name);
  ctx.onFile(archivePath, await fetchFeedFile(archivePath, new URL(name, source.index).toString(), ctx));

  for (const entry of await readdir(join(ctx.outDir, source.path))) {
    if (entry === name || !isTarFeedName(entry)) continue;
    const stale = posix.join(source.path, entry);
    await rm(join(ctx.outDir, stale), { force: true });
    await rm(sidecarPath(ctx.outDir, stale), { force: true });
  }
}
