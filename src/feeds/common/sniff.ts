/**
 * Which public feed format a document is, decided from content, not from folder names.
 * Importers use it twice: `detect()` samples a path for its own format, and `read()`
 * passes over documents of another known format silently (a folder may mix NVD pages and
 * CVE 5 records) while still warning about documents it cannot place at all.
 */
import { parse as parseYaml } from 'yaml';
import { feedExtension, walkFeedFiles, type FeedFile } from './feed-files.js';
import { readDecoded, readHead, readJson } from './decoded-stream.js';
import { OversizedRecordError } from './limits.js';
import { isObject } from './values.js';
import { distroFormatOfDocument, distroFormatOfList, type DistroFeedFormat } from './sniff-distro.js';

/**
 * `json-schema`: a schema shipped beside the data (cisagov/kev-data does), never data itself.
 * `alpine-secdb` and `debian-tracker` are read by their own importers; they are named here
 * so that the OSV importer, which walks whole folders, passes over them without warnings.
 */
export type FeedFormat =
  | 'osv'
  | 'nvd'
  | 'cve5'
  | 'kev'
  | 'epss'
  | 'csaf'
  | 'json-schema'
  | 'alpine-secdb'
  | 'debian-tracker'
  | 'endoflife'
  | DistroFeedFormat;

/** The format of a parsed JSON/YAML document, if it is one we know. */
export function formatOfDocument(doc: unknown): FeedFormat | undefined {
  if (Array.isArray(doc)) return distroFormatOfList(doc);
  if (!isObject(doc)) return undefined;
  if (typeof doc.$schema === 'string' && isObject(doc.properties)) return 'json-schema';
  if (isObject(doc.cveMetadata) || doc.dataType === 'CVE_RECORD') return 'cve5';
  if (typeof doc.catalogVersion === 'string' && Array.isArray(doc.vulnerabilities)) return 'kev';
  if (isObject(doc.document) && typeof doc.document.csaf_version === 'string') return 'csaf';
  if (isEndOfLifeResponse(doc)) return 'endoflife';
  if (Array.isArray(doc.vulnerabilities) && typeof doc.resultsPerPage === 'number') return 'nvd';
  if (isObject(doc.item) && isObject(doc.item.cve)) return 'nvd';
  if (isObject(doc.cve) && typeof doc.cve.id === 'string') return 'nvd';
  if (typeof doc.id === 'string' && /^CVE-/.test(doc.id) && ('vulnStatus' in doc || 'sourceIdentifier' in doc))
    return 'nvd';
  const distro = distroFormatOfDocument(doc);
  if (distro) return distro;
  if (typeof doc.id === 'string' && typeof doc.modified === 'string') return 'osv';
  if (typeof doc.distroversion === 'string' || (isObject(doc.secfixes) && typeof doc.name === 'string'))
    return 'alpine-secdb';
  if (isObject(doc.Header) && typeof doc.Header.Original === 'string') return 'debian-tracker';
  if (isDebianTrackerExport(doc)) return 'debian-tracker';
  return undefined;
}

/** An endoflife.date v1 response: `result` is a product (or a list of them) with `releases`. */
function isEndOfLifeResponse(doc: Record<string, unknown>): boolean {
  if (!('result' in doc)) return false;
  const products = Array.isArray(doc.result) ? doc.result : [doc.result];
  return (
    products.length > 0 && products.every((p) => isObject(p) && typeof p.name === 'string' && Array.isArray(p.releases))
  );
}

/** The tracker's JSON export: `{ "<source package>": { "CVE-…" | "TEMP-…": {...} } }`. */
function isDebianTrackerExport(doc: Record<string, unknown>): boolean {
  const sample = Object.values(doc).slice(0, 8);
  return sample.length > 0 && sample.every((v) => isObject(v) && Object.keys(v).some((k) => /^(CVE|TEMP)-/.test(k)));
}

/** The format of text too large to parse for sniffing, judged by its opening bytes. */
export function formatOfHead(head: string): FeedFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^#model_version:/.test(text) || /^cve,epss\b/.test(text)) return 'epss';
  if (!text.startsWith('{')) return undefined;
  if (/"cveMetadata"\s*:/.test(text)) return 'cve5';
  if (/"catalogVersion"\s*:/.test(text)) return 'kev';
  if (/"csaf_version"\s*:/.test(text)) return 'csaf';
  if (/"vulnerabilities"\s*:\s*\[\s*\{\s*"cve"\s*:\s*\{/.test(text) || /"resultsPerPage"\s*:/.test(text)) return 'nvd';
  if (/"vulnStatus"\s*:/.test(text)) return 'nvd';
  return undefined;
}

/** Files up to this size are parsed whole when sniffed; larger ones are judged by their head. */
const PARSE_LIMIT = 8 * 1024 * 1024;

export async function formatOfFile(file: FeedFile): Promise<FeedFormat | undefined> {
  const ext = feedExtension(file.entryPath);
  try {
    if (ext === '.yaml' || ext === '.yml') {
      return formatOfDocument(
        parseYaml((await readDecoded(file)).toString('utf8'), { schema: 'failsafe', logLevel: 'error' }),
      );
    }
    const head = await readHead(file, 64 * 1024);
    const byHead = formatOfHead(head);
    if (
      byHead === 'epss' ||
      !head
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith('{') ||
      file.size > PARSE_LIMIT
    )
      return byHead;
    // Parsed whole, the structure decides: a JSON schema mentions the same key names. Every
    // importer's detect() sniffs, so a small .json.gz inflating far is judged by its head.
    try {
      return formatOfDocument(await readJson(file, PARSE_LIMIT));
    } catch (cause) {
      if (cause instanceof OversizedRecordError) return byHead;
      throw cause;
    }
  } catch {
    return undefined;
  }
}

/**
 * Whether `path` (a file, directory or zip) holds documents of `format`. Samples a bounded
 * number of files (and a few entries per zip) so detection stays quick on big trees.
 */
export async function containsFormat(path: string, format: FeedFormat, sampleLimit = 64): Promise<boolean> {
  let sampled = 0;
  try {
    for await (const file of walkFeedFiles(path, { entriesPerZip: 8 })) {
      if (!SNIFFABLE.has(feedExtension(file.entryPath))) continue;
      if ((await formatOfFile(file)) === format) return true;
      if (++sampled >= sampleLimit) return false;
    }
  } catch {
    return false;
  }
  return false;
}

const SNIFFABLE = new Set(['.json', '.json.gz', '.yaml', '.yml', '.csv', '.csv.gz']);
