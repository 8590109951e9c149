/**
 * NuGet version order (NuGet.Versioning): up to four numeric parts (missing ones are 0,
 * leading zeros allowed), then SemVer 2.0 release labels compared case-insensitively;
 * build metadata after `+` is ignored.
 */

const VERSION_PATTERN =
  /^(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const INT32_MAX = 2147483647n;

interface NuGetVersion {
  parts: bigint[];
  labels: string[];
}

function parse(version: string): NuGetVersion | undefined {
  const m = VERSION_PATTERN.exec(version.trim());
  if (!m) return undefined;
  const parts = m[1].split('.').map((p) => BigInt(p));
  // Each part is a .NET Int32.
  if (parts.some((p) => p > INT32_MAX)) return undefined;
  while (parts.length < 4) parts.push(0n);
  return { parts, labels: m[2] ? m[2].split('.') : [] };
}

/** Int32.TryParse as NuGet uses it on a label: an optional minus sign and digits within range. */
function asInt32(label: string): bigint | undefined {
  if (!/^-?\d+$/.test(label)) return undefined;
  const n = BigInt(label);
  return n <= INT32_MAX && n >= -INT32_MAX - 1n ? n : undefined;
}

/** Numeric labels sort numerically and before text labels; text compares ordinal, ignoring case. */
function compareLabel(a: string, b: string): number {
  const na = asInt32(a);
  const nb = asInt32(b);
  if (na !== undefined && nb !== undefined) return na === nb ? 0 : na < nb ? -1 : 1;
  if (na !== undefined || nb !== undefined) return na !== undefined ? -1 : 1;
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  return ua === ub ? 0 : ua < ub ? -1 : 1;
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
  }
  // A release is newer than any of its prereleases.
  if (a.labels.length === 0 || b.labels.length === 0) return Math.sign(b.labels.length - a.labels.length);
  for (let i = 0; i < Math.max(a.labels.length, b.labels.length); i++) {
    if (i >= a.labels.length) return -1;
    if (i >= b.labels.length) return 1;
    const r = compareLabel(a.labels[i], b.labels[i]);
    if (r !== 0) return r;
  }
  return 0;
}

export function compare(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  if (va && vb) return compareParsed(va, vb);
  // Not a NuGet version on one side: unparseable strings sort first, among themselves as text.
  if (va || vb) return va ? 1 : -1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export function isValid(version: string): boolean {
  return parse(version) !== undefined;
}
