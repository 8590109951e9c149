/**
 * NVD importer. Reads every layout NVD's CVE API 2.0 data is mirrored in: API response
 * pages and NVD's yearly 2.0 feeds (`{resultsPerPage, vulnerabilities: [{cve}]}`, plain,
 * gzip or zip), single `cve` objects (fkie-cad/nvd-json-data-feeds, vuln-list-nvd), and
 * vunnel's envelope `{schema, identifier, item: {cve}}`. Pages are streamed element by element.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { NewestDate, normalizeTimestamp } from '../common/dates.js';
import { openDecoded } from '../common/decoded-stream.js';
import { feedExtension, walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { streamJsonArray } from '../common/json-array-stream.js';
import { rethrowFileErrors } from '../common/limits.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat, formatOfDocument } from '../common/sniff.js';
import { isObject } from '../common/values.js';
import { normalizeNvdCve } from './normalize.js';

class NvdImporter implements FeedImporter {
  readonly name = 'nvd';
  readonly claim = formatClaim('nvd');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'nvd');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // Newest lastModified (or page timestamp) of this read.
    const newest = new NewestDate();
    for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
      const ext = feedExtension(file.entryPath);
      if (ext === '.json' || ext === '.json.gz') yield* this.readFile(file, ctx, newest);
    }
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }

  private async *readFile(file: FeedFile, ctx: FeedContext, newest: NewestDate): AsyncGenerator<FeedRecord> {
    // KEV and CSAF documents also have a top-level `vulnerabilities` array; the first element
    // tells whether this is an NVD page (`{cve: {...}}`) whose bad elements deserve a warning.
    let nvdPage: boolean | undefined;
    try {
      for await (const item of streamJsonArray(await openDecoded(file), 'vulnerabilities')) {
        if (item.kind === 'document') {
          yield* this.document(item.value, file.name, ctx, nvdPage === false, newest);
          continue;
        }
        const where = `${file.name}#vulnerabilities[${item.index}]`;
        const cve = item.kind === 'element' && isObject(item.value) ? item.value.cve : undefined;
        nvdPage ??= isObject(cve);
        if (!nvdPage) continue;
        if (item.kind === 'bad-element') {
          ctx.warn({ file: where, message: `unreadable record: ${item.error}` });
        } else {
          yield* this.advisory(cve, where, ctx, newest);
        }
      }
    } catch (cause) {
      rethrowFileErrors(cause);
      ctx.warn({ file: file.name, message: `unreadable JSON: ${describeCause(cause)}` });
    }
  }

  private *document(
    doc: unknown,
    where: string,
    ctx: FeedContext,
    skippedEntries: boolean,
    newest: NewestDate,
  ): Generator<FeedRecord> {
    const format = formatOfDocument(doc);
    if (format !== undefined && format !== 'nvd') return; // another feed's file in the same folder
    if (!isObject(doc) || format === undefined) {
      ctx.warn({ file: where, message: 'not an NVD CVE record' });
      return;
    }
    if (Array.isArray(doc.vulnerabilities)) {
      // A page: its elements were streamed already; its timestamp dates the data.
      newest.offer(normalizeTimestamp(doc.timestamp));
      if (skippedEntries) ctx.warn({ file: where, message: 'page entries are not NVD cve objects; none imported' });
      return;
    }
    const cve = isObject(doc.item) ? doc.item.cve : isObject(doc.cve) ? doc.cve : doc;
    yield* this.advisory(cve, where, ctx, newest);
  }

  private *advisory(cve: unknown, where: string, ctx: FeedContext, newest: NewestDate): Generator<FeedRecord> {
    try {
      const advisory = normalizeNvdCve(cve);
      newest.offer(advisory.modified);
      yield { kind: 'advisory', advisory };
    } catch (cause) {
      ctx.warn({ file: where, message: `invalid NVD record: ${describeCause(cause)}` });
    }
  }
}

export const importer: FeedImporter = new NvdImporter();
