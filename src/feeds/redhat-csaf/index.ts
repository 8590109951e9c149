/**
 * Red Hat CSAF 2.0 importer: RHSA advisories (`csaf/advisories/YYYY/rhsa-*.json`) and VEX
 * files (`csaf/vex/YYYY/cve-*.json`), as a directory, zip or single file.
 */
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { NewestDate } from '../common/dates.js';
import { formatClaim } from '../common/format-claim.js';
import { containsFormat } from '../common/sniff.js';
import { jsonDocumentsOf } from '../common/json-documents.js';
import { list } from '../common/values.js';
import { documentInfo, normalizeCsafVulnerability, type CsafDocumentInfo } from './normalize.js';
import { indexProductTree, type ProductRef } from './product-tree.js';

class RedHatCsafImporter implements FeedImporter {
  readonly name = 'redhat-csaf';
  readonly claim = formatClaim('csaf');

  detect(path: string): Promise<boolean> {
    return containsFormat(path, 'csaf');
  }

  async *read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    // Newest `tracking.current_release_date` of this read.
    const newest = new NewestDate();
    for await (const { file, doc } of jsonDocumentsOf(path, 'csaf', ctx)) {
      let vulnerabilities: unknown[];
      let info: CsafDocumentInfo;
      let products: Map<string, ProductRef>;
      try {
        vulnerabilities = list(doc.vulnerabilities, 'vulnerabilities');
        info = documentInfo(doc);
        products = indexProductTree(doc.product_tree);
      } catch (cause) {
        ctx.warn({ file: file.name, message: `invalid CSAF document: ${describeCause(cause)}` });
        continue;
      }
      newest.offer(info.modified);
      for (let i = 0; i < vulnerabilities.length; i++) {
        try {
          yield { kind: 'advisory', advisory: normalizeCsafVulnerability(vulnerabilities[i], info, products) };
        } catch (cause) {
          ctx.warn({
            file: `${file.name}#vulnerabilities[${i}]`,
            message: `invalid CSAF vulnerability: ${describeCause(cause)}`,
          });
        }
      }
    }
    if (newest.value) yield { kind: 'data-date', date: newest.value };
  }
}

export const importer: FeedImporter = new RedHatCsafImporter();
