/** SUSE OVAL (`suse.linux.enterprise.15.xml.gz`, `opensuse.leap.15.6.xml.gz`): per-CVE definitions for SLES and openSUSE Leap. */
import { ovalImporter } from '../oval/importer.js';
import { normalizeSuse } from './normalize.js';

export const importer = ovalImporter({
  name: 'suse-oval',
  publishes: (head) => /updateinfo to oval/i.test(head.product) || head.text.includes('oval:org.opensuse.security:'),
  normalize: (def) => normalizeSuse(def),
});
