/**
 * Core metadata of an installed distribution (`METADATA` in a .dist-info, `PKG-INFO` in an
 * .egg-info), https://packaging.python.org/specifications/core-metadata/. It is an email
 * header block: `Field: value` lines, continuation lines indented, ended by a blank line
 * after which the long description follows (and is not read).
 */
export interface DistMetadata {
  name: string;
  version: string;
  licenses: string[];
}

export type MetadataResult = { metadata: DistMetadata } | { error: string };

export function readDistMetadata(text: string): MetadataResult {
  const headers = parseHeaders(text);
  const name = headers.get('name')?.[0]?.trim();
  const version = headers.get('version')?.[0]?.trim();
  if (!name) return { error: 'has no Name field' };
  if (!version) return { error: `(${name}) has no Version field` };
  return { metadata: { name, version, licenses: licensesOf(headers) } };
}

/** Field values by lower-case name, in order; repeated fields (Classifier) keep every value. */
function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') break;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      last[last.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(key) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(key, values);
    last = values;
  }
  return headers;
}

/**
 * PEP 639's `License-Expression` when present; else a one-line `License` (a multi-line one
 * is the whole license text, not a name); else the names in `License ::` classifiers.
 */
function licensesOf(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0];
  if (expression) return [expression];
  const license = headers.get('license')?.[0];
  if (license && !license.includes('\n') && license.toUpperCase() !== 'UNKNOWN' && license.length <= 120)
    return [license];
  const fromClassifiers: string[] = [];
  for (const c of headers.get('classifier') ?? []) {
    const parts = c.split('::').map((s) => s.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const name = parts[parts.length - 1];
    if (name !== 'OSI Approved' && !fromClassifiers.includes(name)) fromClassifiers.push(name);
  }
  return fromClassifiers;
}

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
