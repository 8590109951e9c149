/** What an installed package's package.json says about it. */
export interface NpmManifest {
  name: string;
  version: string;
  licenses: string[];
}

export type ManifestResult = { manifest: NpmManifest } | { skipped: string } | { error: string };

/**
 * Reads the package.json of an installed package. A file without a name or version
 * (test fixtures, `"type": "module"` stubs) is not a package and is skipped quietly;
 * a file that is not JSON at all is an error worth a warning.
 */
export function readManifest(text: string): ManifestResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  if (!isObject(json)) return { error: 'not a JSON object' };
  const { name, version } = json;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '') {
    return { skipped: 'no name or version' };
  }
  return { manifest: { name, version, licenses: npmLicenses(json) } };
}

/**
 * The SPDX expression of `license`, or the legacy `licenses` array of strings or
 * `{ type, url }` objects (and the older `license: { type }` object form).
 */
export function npmLicenses(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (value: unknown) => {
    const text =
      typeof value === 'string' ? value : isObject(value) && typeof value.type === 'string' ? value.type : undefined;
    if (text && text.trim() && !out.includes(text.trim())) out.push(text.trim());
  };
  add(json.license);
  if (Array.isArray(json.licenses)) json.licenses.forEach(add);
  else add(json.licenses);
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
