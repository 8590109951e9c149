/** Oracle Linux ELSA OVAL (`com.oracle.elsa-*.xml`), per-arch and Ksplice definitions included. */
import { ovalImporter } from '../oval/importer.js';
import { normalizeElsa } from './normalize.js';

export const importer = ovalImporter({
  name: 'oracle-oval',
  publishes: (head) => head.product === 'Oracle Errata System' || head.text.includes('oval:com.oracle.elsa:'),
  normalize: (def) => normalizeElsa(def),
});
