/**
 * Amazon Linux's ALAS RSS feed (`AL2/alas.rss` and the like): one `<item>` per advisory
 * with its id, Amazon's severity and the package in the title, the CVEs in the
 * description and the advisory page as the link. Read with the same streaming XML parser
 * as OVAL, so a feed of thousands of items is never held whole.
 */
import type { FeedFile } from '../common/feed-files.js';
import { saxItems } from '../oval/sax-stream.js';

export interface AlasItem {
  id: string;
  /** Amazon's rating: critical, important, medium, low. */
  severity?: string;
  /** The source package the title names. */
  package?: string;
  cves: string[];
  link?: string;
  published?: string;
  updated?: string;
}

const TITLE = /^\s*(ALAS[0-9A-Z]*-\d{4}-\d+)\s*(?:\(([^)]*)\))?\s*:?\s*(.*)$/;

export function itemFromFields(fields: Record<string, string>): AlasItem | undefined {
  const title = TITLE.exec(fields.title ?? '');
  if (!title) return undefined;
  const item: AlasItem = { id: title[1], cves: [...new Set((fields.description ?? '').match(/CVE-\d{4}-\d+/g) ?? [])] };
  if (title[2]) item.severity = title[2].trim().toLowerCase();
  if (title[3].trim()) item.package = title[3].trim();
  if (fields.link?.trim()) item.link = fields.link.trim();
  if (fields.pubDate) item.published = fields.pubDate.trim();
  if (fields.lastBuildDate) item.updated = fields.lastBuildDate.trim();
  return item;
}

/** The items of an RSS file that look like ALAS advisories; others are counted, not fatal. */
export function readAlasRss(file: FeedFile, onOther: (title: string) => void): AsyncGenerator<AlasItem> {
  let fields: Record<string, string> | undefined;
  let field: string | undefined;
  const ready: AlasItem[] = [];
  return saxItems(file, {
    ready,
    open(name) {
      if (name === 'item') fields = {};
      else if (fields) {
        field = name;
        fields[name] = '';
      }
    },
    text(text) {
      if (fields && field) fields[field] += text;
    },
    close(name) {
      if (name === 'item' && fields) {
        const item = itemFromFields(fields);
        if (item) ready.push(item);
        else onOther(fields.title ?? '');
        fields = undefined;
      }
      field = undefined;
    },
  });
}

/** `https://alas.aws.amazon.com/AL2023/ALAS-2023-126.html` → `2023`; the first Amazon Linux's pages sit at the top. */
export function releaseOfLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const match = /\/AL(\d+)\/[^/]+$/.exec(link);
  if (match) return match[1];
  return /\/ALAS-\d{4}-\d+\.html?$/.test(link) ? '1' : undefined;
}
