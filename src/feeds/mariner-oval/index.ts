/** Azure Linux 3.0 and CBL-Mariner 2.0 OVAL (`azurelinux-3.0-oval.xml`, `cbl-mariner-2.0-oval.xml`). */
import { ovalImporter } from '../oval/importer.js';
import { marinerFamily, normalizeMariner } from './normalize.js';

export const importer = ovalImporter({
  name: 'mariner-oval',
  publishes: (head) => marinerFamily({ productName: head.product }) !== undefined,
  normalize: normalizeMariner,
});
