import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where .ci/install-oracles.sh downloads the .deb files tests read from. */
const DEBS = process.env.AIRLOCK_TEST_DEBS ?? '/var/cache/airlock-test-debs';
/** Where DokuWiki keeps the vendor/ tree Composer installed, inside Debian's package. */
export const DOKUWIKI_INSTALLED_JSON = '/usr/share/dokuwiki/vendor/composer/installed.json';

/**
 * The real `vendor/composer/installed.json` that Debian bookworm's dokuwiki package ships
 * (Composer 2 format), read out of the downloaded .deb with dpkg-deb at test time.
 */
export function dokuwikiInstalledJson(): Buffer {
  const deb = existsSync(DEBS) ? readdirSync(DEBS).find((f) => /^dokuwiki_.+_all\.deb$/.test(f)) : undefined;
  if (!deb) throw new Error(`no dokuwiki_*_all.deb in ${DEBS}: run bash .ci/install-oracles.sh`);
  const script = 'dpkg-deb --fsys-tarfile "$1" | tar -xO "$2"';
  return execFileSync('sh', ['-c', script, 'sh', path.join(DEBS, deb), `.${DOKUWIKI_INSTALLED_JSON}`], {
    maxBuffer: 16 * 1024 * 1024,
  });
}
