/**
 * Amazon Linux (1, 2, 2022, 2023) ALAS advisories: the release's RSS feed names each
 * advisory and its CVEs, and the advisory's page (kept beside the feed as
 * `<feed>_html/<ALAS id>[.html]`, the layout `feeds fetch` writes) lists the fixed rpms.
 * Rows are per source rpm in `amazon:<release>` at the page's version, fixed by the ALAS.
 * An item whose page is missing or lists no rpm is a counted warning: without the page
 * there is no fixed version to compare.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Advisory, AffectedPackage, FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { NewestDate, normalizeTimestamp } from '../common/dates.js';
import { readHead } from '../common/decoded-stream.js';
import { walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { ratingOf } from '../oval/rows.js';
import { singleFeedFile } from '../oval/sniff.js';
import { newPackages, type Rpm } from './page.js';
import { readAlasRss, releaseOfLink, type AlasItem } from './rss.js';

/** An advisory page is a few tens of kilobytes; anything far larger is not one. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export function pageCandidates(feedFile: string, item: AlasItem): string[] {
  const dir = path.dirname(feedFile);
  const stem = path.basename(feedFile).replace(/(_rss)?\.(xml|rss)$/i, '');
  const ids = [
    ...new Set(
      [item.link ? path.posix.basename(item.link).replace(/\.html?$/i, '') : undefined, item.id].filter(
        (v): v is string => !!v,
      ),
    ),
  ];
  return ids.flatMap((id) => [path.join(dir, `${stem}_html`, id), path.join(dir, `${stem}_html`, `${id}.html`)]);
}

async function readPage(candidates: string[]): Promise<{ file: string; html: string } | undefined> {
  for (const file of candidates) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_PAGE_BYTES) continue;
    return { file, html: await readFile(file, 'utf8') };
  }
  return undefined;
}

/** Source rpms decide; a page listing only binaries gives rows for those. */
function fixedRpms(rpms: Rpm[]): Rpm[] {
  const sources = rpms.filter((r) => r.arch === 'src');
  const chosen = sources.length > 0 ? sources : rpms;
  return chosen.filter((r, i) => chosen.findIndex((o) => o.name === r.name && o.evr === r.evr) === i);
}

export function alasAdvisories(item: AlasItem, release: string, rpms: Rpm[], pageUrl?: string): Advisory[] {
  const rating = ratingOf(item.severity);
  const affected: AffectedPackage[] = fixedRpms(rpms).map((rpm) => ({
    namespace: `amazon:${release}`,
    package: rpm.name,
    status: 'fixed',
    fixedVersion: rpm.evr,
    fixedBy: item.id,
    ranges: [],
    versions: [],
    ...(rating ? { severity: rating } : {}),
  }));
  const published = normalizeTimestamp(item.published);
  const modified = normalizeTimestamp(item.updated) ?? published;
  const ids = item.cves.length > 0 ? item.cves : [item.id];
  return ids.map((id) => ({
    id,
    source: 'amazon-alas',
    aliases: id === item.id ? [] : [item.id],
    summary: `${item.id}${item.package ? `: ${item.package}` : ''}`,
    references: pageUrl ? [pageUrl] : [],
    severities: rating ? [{ source: 'amazon', rating }] : [],
    affected,
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
  }));
}

async function isAlasFeed(file: FeedFile): Promise<boolean> {
  const head = await readHead(file, 8 * 1024).catch(() => '');
  return /<rss[\s>]/.test(head) && /<title>\s*ALAS[0-9A-Z]*-\d{4}-\d+/.test(head);
}

class AmazonAlasImporter implements FeedImporter {
  readonly name = 'amazon-alas';

  async detect(entry: string): Promise<boolean> {
    const file = await singleFeedFile(entry);
    return file ? isAlasFeed(file) : false;
  }

  async *read(entry: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    const newest = new NewestDate();
    for await (const file of walkFeedFiles(entry, { warn: (w) => ctx.warn(w) })) {
      const items = readAlasRss(file, (title) =>
        ctx.warn({ file: file.name, message: `not an ALAS item: ${JSON.stringify(title.slice(0, 80))}` }),
      );
      for await (const item of items) {
        const release = releaseOfLink(item.link);
        if (!release) {
          ctx.warn({
            file: `${file.name}#${item.id}`,
            message: `advisory link ${JSON.stringify(item.link ?? '')} names no Amazon Linux release`,
          });
          continue;
        }
        const page = await readPage(pageCandidates(entry, item));
        const rpms = page ? newPackages(page.html) : [];
        if (!page || rpms.length === 0) {
          ctx.warn({
            file: `${file.name}#${item.id}`,
            message: page
              ? `advisory page ${page.file} lists no new packages`
              : 'advisory page not found beside the feed',
          });
          continue;
        }
        newest.offer(normalizeTimestamp(item.updated) ?? normalizeTimestamp(item.published));
        for (const advisory of alasAdvisories(item, release, rpms, item.link)) yield { kind: 'advisory', advisory };
      }
    }
    // The newest advisory's update time is the data's.
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }
}

export const importer: FeedImporter = new AmazonAlasImporter();
