/**
 * Where `airlock feeds fetch` downloads from, on the connected side of the air gap.
 *
 * Every file has a public `url` and a relative `path`. The path is where it lands under
 * `--out`, and also where a mirror serves it: with `--mirror BASE` each file is fetched
 * from `BASE/path` instead, so a fetched directory served over HTTP is itself a mirror.
 * NVD is the exception that pages: its API is walked with `startIndex`, each page saved
 * as `nvd/cves-<startIndex>.json` — the same names a mirror serves.
 */
export interface FileSource {
  name: string;
  kind: 'files';
  files: { url: string; path: string }[];
}

export interface NvdSource {
  name: string;
  kind: 'nvd-api';
  url: string;
  /** Directory (relative) for the page files. */
  path: string;
  /** NVD allows at most 2000. */
  resultsPerPage: number;
  /** Environment variable holding an NVD API key, sent as the `apiKey` header (never to a mirror). */
  apiKeyEnv: string;
  /** Pause between API requests; NVD asks for 6 s without a key. Defaults by key presence. */
  delayMs?: number;
}

/**
 * A publisher that names its newest full archive in a small pointer file (Red Hat's CSAF
 * `archive_latest.txt` → `csaf_advisories_2026-11-22.tar.zst`): the pointer is fetched
 * to `path/<pointer name>`, then the archive it names, from beside the pointer, to
 * `path/<archive name>`; older archives there are removed once the new one is complete.
 */
export interface LatestArchiveSource {
  name: string;
  kind: 'latest-archive';
  /** URL of the pointer file. */
  index: string;
  /** Directory (relative) for the pointer and the archive. */
  path: string;
}

/**
 * A publisher whose feed links to one page per advisory (Amazon Linux's ALAS RSS): the
 * feed is fetched to `path` and each linked page to `pagesPath/<page name>`.
 */
export interface RssPagesSource {
  name: string;
  kind: 'rss-pages';
  feeds: { url: string; path: string; pagesPath: string }[];
}

export type FeedSource = FileSource | NvdSource | LatestArchiveSource | RssPagesSource;
