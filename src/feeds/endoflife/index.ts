/**
 * endoflife.date importer: release end-of-life dates of distributions (and other
 * products), so a scan can say an image's release is out of support, as Trivy's "EOL"
 * warning does. Found by content (src/feeds/common/sniff.ts). The data date is the
 * response's `generated_at` or `last_modified` when it has one, else what `feeds fetch`
 * recorded for the file (a bare `{"result": …}` carries none); otherwise unknown, never the mtime.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { NewestDate, normalizeTimestamp } from '../common/dates.js';
import { fetchedDataDate } from '../common/fetched-date.js';
import { jsonDocumentsOf } from '../common/json-documents.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat } from '../common/sniff.js';
import { RecordError } from '../common/values.js';
import { productsOf, releasesOf } from './parse.js';

class EndOfLifeImporter implements FeedImporter {
  readonly name = 'endoflife';
  readonly claim = formatClaim('endoflife');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'endoflife');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    const generated = new NewestDate();
    for await (const { file, doc } of jsonDocumentsOf(path, 'endoflife', ctx)) {
      const stated = normalizeTimestamp(doc.generated_at) ?? normalizeTimestamp(doc.last_modified);
      // A member of an archive (`x.tar!y.json`) has no fetch record of its own.
      generated.offer(stated ?? (file.name.includes('!') ? undefined : await fetchedDataDate(file.name)));
      const products = productsOf(doc);
      for (let i = 0; i < products.length; i++) {
        try {
          for (const release of releasesOf(products[i])) yield { kind: 'eol', release };
        } catch (cause) {
          if (!(cause instanceof RecordError)) throw cause;
          ctx.warn({ file: `${file.name}#result[${i}]`, message: `invalid endoflife.date product: ${cause.message}` });
        }
      }
    }
    if (generated.value) yield { kind: 'data-date', date: generated.value };
  }
}

export const importer: FeedImporter = new EndOfLifeImporter();
