import { readFileSync } from 'node:fs';

/** airlock's own version, from package.json (dist/version.js → ../package.json). */
export const AIRLOCK_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
})();
