/**
 * Fetching an `rss-pages` source (sources.ts): Amazon Linux publishes each release's
 * advisories as an RSS feed whose items link to one HTML page per advisory, and only the
 * page lists the fixed rpms. The feed is fetched to `path`, then every page it links to
 * `pagesPath/<page name>` (the layout the ALAS importer reads), each asked conditionally
 * so a refetch only downloads what changed. The feed is untrusted: a link must stay on
 * the feed's own host and end in a plain page name, or it is skipped with a failure.
 */
import { join, posix } from 'node:path';
import { UserError } from '../../errors.js';
import { readAlasRss } from '../amazon-alas/rss.js';
import { walkFeedFiles } from '../common/feed-files.js';
import type { DownloadOutcome } from './download.js';
import { fetchFeedFile, type FeedFileTarget } from './feed-file.js';
import type { RssPagesSource } from './sources.js';

const PAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.html?$/;

export interface RssPagesContext extends FeedFileTarget {
  onFile: (path: string, outcome: DownloadOutcome) => void;
  onPageFailure: (url: string, error: unknown) => void;
}

/** The pages a feed links to, as (public URL, relative path) pairs; links that leave the feed's host are refused. */
export async function linkedPages(
  feedFile: string,
  feed: { url: string; pagesPath: string },
  onBad: (link: string) => void,
): Promise<{ url: string; path: string }[]> {
  const origin = new URL(feed.url).origin;
  const pages = new Map<string, string>();
  for await (const file of walkFeedFiles(feedFile)) {
    for await (const item of readAlasRss(file, () => undefined)) {
      let url: URL | undefined;
      try {
        url = item.link ? new URL(item.link, feed.url) : undefined;
      } catch {
        url = undefined;
      }
      const name = url ? posix.basename(url.pathname) : '';
      if (!url || url.origin !== origin || !PAGE_NAME.test(name)) {
        onBad(item.link ?? item.id);
        continue;
      }
      pages.set(posix.join(feed.pagesPath, name), url.toString());
    }
  }
  return [...pages].map(([path, url]) => ({ url, path }));
}

export async function fetchRssPages(source: RssPagesSource, ctx: RssPagesContext): Promise<void> {
  for (const feed of source.feeds) {
    ctx.onFile(feed.path, await fetchFeedFile(feed.path, feed.url, ctx));
    const pages = await linkedPages(join(ctx.outDir, feed.path), feed, (link) =>
      ctx.onPageFailure(
        feed.url,
        new UserError(
          `${feed.url} links to ${JSON.stringify(link.slice(0, 120))}, not an advisory page on its own host`,
        ),
      ),
    );
    for (const page of pages) {
      try {
        ctx.onFile(page.path, await fetchFeedFile(page.path, page.url, ctx));
      } catch (error) {
        ctx.onPageFailure(page.url, error);
      }
    }
  }
}
