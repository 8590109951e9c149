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
      const publisher = otherPublisher(doc);
      if (publisher) {
        ctx.warn({
          file: file.name,
          message: `CSAF document published by ${publisher}, not Red Hat: only Red Hat's CSAF is read (its product tree names Red Hat's products), so its vulnerabilities were skipped`,
        });
        continue;
      }
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

const RED_HAT = 'https://www.redhat.com';

/**
 * The publisher of a CSAF document that is not Red Hat, as it names itself, or undefined.
 * Every CSAF 2.0 document names its publisher (`document.publisher.namespace`, a URL, and
 * `name`); another vendor's document (SUSE's, Oracle's) has a product tree this reader
 * would map to no namespace, so it would import as records that match nothing. It is
 * skipped with a warning instead, so a bundle never looks as if it covered that vendor.
 * A document without a publisher is read as before (Red Hat's own always name it).
 */
function otherPublisher(doc: Record<string, unknown>): string | undefined {
  const document = doc.document as Record<string, unknown> | undefined;
  const publisher = document?.publisher as Record<string, unknown> | undefined;
  if (!publisher || typeof publisher !== 'object') return undefined;
  const namespace = typeof publisher.namespace === 'string' ? publisher.namespace.trim() : '';
  if (namespace === '' || namespace.replace(/\/+$/, '').toLowerCase() === RED_HAT) return undefined;
  const name = typeof publisher.name === 'string' ? publisher.name.trim() : '';
  return JSON.stringify(name ? `${name} (${namespace})` : namespace).slice(1, -1);
}

export const importer: FeedImporter = new RedHatCsafImporter();
