/**
 * CISA Known Exploited Vulnerabilities importer (`known_exploited_vulnerabilities.json`).
 * Found by content (`catalogVersion` + `vulnerabilities`), so the CSV rendering and the JSON
 * schema that cisagov/kev-data keeps in the same folder are passed over.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { NewestDate, normalizeTimestamp } from '../common/dates.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat } from '../common/sniff.js';
import { jsonDocumentsOf } from '../common/json-documents.js';
import { RecordError } from '../common/values.js';
import { kevEntry } from './entry.js';

class KevImporter implements FeedImporter {
  readonly name = 'kev';
  readonly claim = formatClaim('kev');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'kev');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // The catalog's `dateReleased` (newest, if several catalogs were read).
    const released = new NewestDate();
    for await (const { file, doc } of jsonDocumentsOf(path, 'kev', ctx)) {
      // The catalog's own release stamp dates the data; catalogVersion (2025.08.25) if it lacks one.
      released.offer(normalizeTimestamp(doc.dateReleased) ?? catalogDate(doc.catalogVersion));
      const entries = doc.vulnerabilities as unknown[];
      for (let i = 0; i < entries.length; i++) {
        try {
          yield { kind: 'kev', entry: kevEntry(entries[i]) };
        } catch (cause) {
          if (!(cause instanceof RecordError)) throw cause;
          ctx.warn({ file: `${file.name}#vulnerabilities[${i}]`, message: `invalid KEV entry: ${cause.message}` });
        }
      }
    }
    if (released.value) yield { kind: 'data-date', date: released.value };
  }
}

function catalogDate(version: unknown): string | undefined {
  const match = typeof version === 'string' ? /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(version) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

export const importer: FeedImporter = new KevImporter();
