/** One package Composer installed into vendor/. */
export interface ComposerPackage {
  name: string;
  version: string;
  licenses: string[];
  /** Listed in `dev-package-names` (Composer 2): installed by `composer install` without `--no-dev`. */
  dev: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `vendor/composer/installed.json`: Composer 1 writes an array of packages,
 * Composer 2 an object `{ "packages": [...], "dev": bool, "dev-package-names": [...] }`.
 * Entries without a `vendor/name` name or a version are skipped. Throws when the file
 * is neither shape.
 */
export function parseInstalledJson(text: string): ComposerPackage[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  let entries: unknown[];
  let devNames = new Set<string>();
  if (Array.isArray(json)) entries = json;
  else if (isObject(json) && Array.isArray(json.packages)) {
    entries = json.packages;
    if (Array.isArray(json['dev-package-names']))
      devNames = new Set(json['dev-package-names'].filter((n): n is string => typeof n === 'string'));
  } else throw new Error('neither a package array (Composer 1) nor an object with "packages" (Composer 2)');

  const out: ComposerPackage[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const { name, version } = entry;
    if (typeof name !== 'string' || !name.includes('/') || typeof version !== 'string' || version === '') continue;
    out.push({ name, version, licenses: licensesOf(entry.license), dev: devNames.has(name) });
  }
  return out;
}

function licensesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim());
}
