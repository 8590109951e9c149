/**
 * CVE JSON 5 importer: cisagov/vulnrichment or CVEProject/cvelistV5 trees, as a directory
 * or zip of `YYYY/NNxxx/CVE-*.json` files.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { NewestDate } from '../common/dates.js';
import { readJson } from '../common/decoded-stream.js';
import { checkRecordEntries, rethrowFileErrors } from '../common/limits.js';
import { feedExtension, walkFeedFiles } from '../common/feed-files.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat, formatOfDocument } from '../common/sniff.js';
import { normalizeCve5Record } from './normalize.js';

class Cve5Importer implements FeedImporter {
  readonly name = 'cve5';
  readonly claim = formatClaim('cve5');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'cve5');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // Newest `dateUpdated` of this read.
    const newest = new NewestDate();
    for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
      const ext = feedExtension(file.entryPath);
      if (ext !== '.json' && ext !== '.json.gz') continue;
      // cvelistV5 keeps its change logs beside the records; they are not records.
      if (/(^|\/)delta(Log)?\.json$/.test(file.entryPath)) continue;
      let doc: unknown;
      try {
        doc = await readJson(file);
        checkRecordEntries(doc);
      } catch (cause) {
        rethrowFileErrors(cause);
        ctx.warn({ file: file.name, message: `unreadable record: ${describeCause(cause)}` });
        continue;
      }
      const format = formatOfDocument(doc);
      if (format !== undefined && format !== 'cve5') continue; // another feed's file sharing the folder
      try {
        const advisory = normalizeCve5Record(doc);
        newest.offer(advisory.modified);
        yield { kind: 'advisory', advisory };
      } catch (cause) {
        ctx.warn({ file: file.name, message: `invalid CVE 5 record: ${describeCause(cause)}` });
      }
    }
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }
}

export const importer: FeedImporter = new Cve5Importer();
