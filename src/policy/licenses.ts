/**
 * Whether a package's declared license is one the copyleft policy lists. Catalogers
 * record licenses as their packaging spells them: SPDX expressions (`GPL-2.0-or-later
 * AND MIT`, npm, apk, PyPI), Debian DEP-5 short names (`GPL-3+`, `LGPL-2.1+`), rpm's
 * Fedora-era names (`GPLv3+`, `AGPLv3`). Each identifier is reduced to its family and
 * version (`GPL 3`), so `AGPL-3.0` in the policy matches `AGPL-3.0-only`, `AGPL-3+` and
 * `AGPLv3`, a family without a version (`GPL`) matches every version, and `LGPL-2.1`
 * never matches `GPL-2.0`.
 *
 * An `OR` lets the user choose: `GPL-3.0 OR MIT` is flagged only when every alternative
 * carries a listed license.
 */

interface LicenseKey {
  family: string;
  /** Major version, `2.1` style kept for LGPL 2.1; undefined when not stated. */
  version?: string;
}

/** `GPL-2.0-or-later` → GPL 2; `LGPL-2.1+` → LGPL 2.1; `GPLv3` → GPL 3; `AGPL-3` → AGPL 3. */
export function licenseKey(id: string): LicenseKey | undefined {
  let s = id
    .trim()
    .toUpperCase()
    .replace(/^LICENSEREF-/, '');
  s = s.replace(/(-ONLY|-OR-LATER|\+)$/, '');
  if (s === '') return undefined;
  const m = /^([A-Z][A-Z-]*?)-?V?(\d+(?:\.\d+)?)?$/.exec(s);
  if (!m) return { family: s }; // BSD-3-CLAUSE, CC-BY-SA-4.0: compared whole
  const family = m[1].replace(/-$/, '');
  if (!m[2]) return { family };
  // 3.0 → 3, 2.1 stays 2.1: SPDX and Debian differ only in the `.0`.
  const version = m[2].replace(/\.0$/, '');
  return { family, version };
}

function covers(listed: LicenseKey, found: LicenseKey): boolean {
  return listed.family === found.family && (listed.version === undefined || listed.version === found.version);
}

/** The identifiers of one alternative (split on AND / WITH / commas), exceptions dropped. */
function identifiers(alternative: string): string[] {
  return alternative
    .replace(/[()]/g, ' ')
    .split(/\s+(?:AND|and|&)\s+|\s*,\s*|\s+WITH\s+\S+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^(AND|OR|WITH)$/i.test(s));
}

/**
 * The listed license that makes this declared license copyleft, or undefined. With
 * parentheses the expression is read as a flat list of identifiers (any listed one
 * counts), which errs on the side of flagging.
 */
export function listedLicenseIn(declared: string, listed: string[]): string | undefined {
  const keys = listed
    .map((l) => ({ l, key: licenseKey(l) }))
    .filter((k): k is { l: string; key: LicenseKey } => !!k.key);
  const hit = (id: string) => {
    const key = licenseKey(id);
    return key ? keys.find((k) => covers(k.key, key))?.l : undefined;
  };
  const or = /\s+(?:OR|or|\|)\s+/;
  if (declared.includes('('))
    return declared
      .split(or)
      .flatMap(identifiers)
      .map(hit)
      .find((h) => h !== undefined);
  let first: string | undefined;
  for (const alt of declared.split(or)) {
    const found = identifiers(alt)
      .map(hit)
      .find((h) => h !== undefined);
    if (!found) return undefined; // a way out without a listed license
    first ??= found;
  }
  return first;
}
