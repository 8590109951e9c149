/**
 * OSV importer: osv.dev `<Ecosystem>/all.zip` exports, repository trees such as
 * github/advisory-database or pypa/advisory-database (YAML), or single files; zips inside
 * directories are walked too. One warning per unreadable or invalid record, then on.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { NewestDate } from '../common/dates.js';
import { feedExtension, walkFeedFiles } from '../common/feed-files.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat, formatOfDocument } from '../common/sniff.js';
import { describeCause } from '../../errors.js';
import { rethrowFileErrors } from '../common/limits.js';
import { normalizeOsvRecord } from './normalize.js';
import { parseOsvFile } from './parse.js';

const OSV_EXTENSIONS = new Set(['.json', '.json.gz', '.yaml', '.yml']);

class OsvImporter implements FeedImporter {
  readonly name = 'osv';
  readonly claim = formatClaim('osv');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'osv');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // Newest modified/withdrawn date; for exports without record dates, the newest zip entry time.
    const newest = new NewestDate();
    const newestEntry = new NewestDate();
    for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
      if (!OSV_EXTENSIONS.has(feedExtension(file.entryPath))) continue;
      let doc: unknown;
      try {
        doc = await parseOsvFile(file);
      } catch (cause) {
        rethrowFileErrors(cause);
        ctx.warn({ file: file.name, message: `unreadable record: ${describeCause(cause)}` });
        continue;
      }
      const format = formatOfDocument(doc);
      if (format !== undefined && format !== 'osv') continue; // another feed's file sharing the folder
      try {
        const advisory = normalizeOsvRecord(doc);
        newest.offer(advisory.modified);
        newest.offer(advisory.withdrawn);
        if (file.zipTime) newestEntry.offer(file.zipTime.toISOString());
        yield { kind: 'advisory', advisory };
      } catch (cause) {
        ctx.warn({ file: file.name, message: `invalid OSV record: ${describeCause(cause)}` });
      }
    }
    const date = newest.value ?? newestEntry.value;
    if (date) yield { kind: 'data-date', date };
  }
}

export const importer: FeedImporter = new OsvImporter();
