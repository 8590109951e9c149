/**
 * Parser for apk's installed database (`lib/apk/db/installed`, apk-tools 2 "FDB" text):
 * one entry per package, entries separated by a blank line, each line `X:value` with a
 * one-letter key. Package fields (P name, V version, A arch, o origin, L license, ...)
 * come first, followed by the file list (F dir, R file, a/M acl, Z checksum), which is
 * not needed here. Field order differs between writers (apk, apko), so none is assumed.
 */

export interface ApkEntry {
  name: string;
  version: string;
  arch?: string;
  /** `o:`: the aports origin, i.e. the source package the subpackage was built from. */
  origin?: string;
  /** `L:` as apk stores it: an SPDX expression, or older space-separated license names. */
  license?: string;
  maintainer?: string;
  url?: string;
  description?: string;
  /** `I:` installed size in bytes. */
  installedSize?: number;
  /** `c:` aports commit the package was built from. */
  commit?: string;
  /** `t:` build time, seconds since the epoch. */
  buildTime?: number;
}

export interface ApkParse {
  entries: ApkEntry[];
  /** One message per skipped entry. */
  problems: string[];
}

const LINE = /^([A-Za-z]):(.*)$/;
/** File-list keys; they repeat, unlike package fields. */
const FILE_KEYS = new Set(['F', 'R', 'a', 'M', 'Z']);

export function parseInstalledDb(text: string): ApkParse {
  const entries: ApkEntry[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  let start = 0;
  while (start < lines.length) {
    let end = start;
    while (end < lines.length && lines[end].replace(/\r$/, '').trim() !== '') end++;
    if (end > start) {
      const result = readEntry(lines.slice(start, end), start + 1);
      if (typeof result === 'string') problems.push(result);
      else entries.push(result);
    }
    start = end + 1;
  }
  return { entries, problems };
}

function readEntry(lines: string[], firstLine: number): ApkEntry | string {
  const fields = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const match = LINE.exec(lines[i].replace(/\r$/, ''));
    if (!match) return `entry at line ${firstLine}: line ${firstLine + i} is not a "X:value" line; entry skipped`;
    const [, key, value] = match;
    if (FILE_KEYS.has(key)) continue;
    if (fields.has(key)) return `entry at line ${firstLine}: field ${key} appears twice; entry skipped`;
    fields.set(key, value.trim());
  }
  const name = fields.get('P');
  const version = fields.get('V');
  if (!name) return `entry at line ${firstLine} has no P (name) field; entry skipped`;
  if (!version) return `package ${name} (line ${firstLine}) has no V (version) field; entry skipped`;

  const entry: ApkEntry = { name, version };
  const text = (key: string) => fields.get(key) || undefined;
  const int = (key: string) => {
    const n = Number(fields.get(key));
    return fields.get(key) && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  };
  assign(entry, 'arch', text('A'));
  assign(entry, 'origin', text('o'));
  assign(entry, 'license', text('L'));
  assign(entry, 'maintainer', text('m'));
  assign(entry, 'url', text('U'));
  assign(entry, 'description', text('T'));
  assign(entry, 'installedSize', int('I'));
  assign(entry, 'commit', text('c'));
  assign(entry, 'buildTime', int('t'));
  return entry;
}

function assign<K extends keyof ApkEntry>(entry: ApkEntry, key: K, value: ApkEntry[K] | undefined): void {
  if (value !== undefined) entry[key] = value;
}

/**
 * The licenses of `L:`. An SPDX expression (`MPL-2.0 AND MIT`) stays whole; the older
 * space-separated form (`GPL-2.0-or-later LGPL-2.1-or-later`) is split into its names.
 */
export function apkLicenses(license: string | undefined): string[] {
  if (!license) return [];
  const value = license.trim().replace(/\s+/g, ' ');
  if (/[()]|\s(AND|OR|WITH)\s/.test(value)) return [value];
  return [...new Set(value.split(' '))];
}
