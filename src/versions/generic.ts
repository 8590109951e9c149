/**
 * A natural version order for schemes nobody defined (upstream versions from NVD CPEs,
 * binaries without package metadata). Digit runs compare as numbers, punctuation only
 * separates, and a number beats a word in the same place (`1.0rc1` < `1.0.1`). A word is a
 * pre-release marker when it is a known one (`rc`, `beta`, `dev`, …) or a single letter
 * with a number after it (`1.0a1`); any other word is a later patch (`1.1.1a` > `1.1.1`).
 */

type Part = bigint | string;

/** Pre-release words, oldest first. */
const PRE_RELEASE = [
  'dev',
  'snapshot',
  'nightly',
  'alpha',
  'a',
  'beta',
  'b',
  'milestone',
  'm',
  'preview',
  'pre',
  'ea',
  'rc',
  'cr',
  'c',
];

function parts(version: string): Part[] {
  const v = version.trim().replace(/^v(?=\d)/i, '');
  return (v.match(/\d+|[a-z]+/gi) ?? []).map((p) => (/^\d/.test(p) ? BigInt(p) : p.toLowerCase()));
}

function isPreRelease(ps: Part[], i: number): boolean {
  const p = ps[i];
  if (typeof p !== 'string') return false;
  if (p.length > 1) return PRE_RELEASE.includes(p);
  return PRE_RELEASE.includes(p) && typeof ps[i + 1] === 'bigint';
}

function compareAt(pa: Part[], pb: Part[], i: number): number {
  const a = pa[i];
  const b = pb[i];
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'bigint' || typeof b === 'bigint') return typeof a === 'bigint' ? 1 : -1;
  const preA = isPreRelease(pa, i);
  const preB = isPreRelease(pb, i);
  if (preA && preB) return Math.sign(PRE_RELEASE.indexOf(a) - PRE_RELEASE.indexOf(b));
  if (preA !== preB) return preA ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export function compare(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const r = compareAt(pa, pb, i);
    if (r !== 0) return r;
  }
  if (pa.length === pb.length) return 0;
  // One side goes on: it is newer unless what follows is a pre-release marker.
  const longer = pa.length > pb.length ? pa : pb;
  const longerIsNewer = !isPreRelease(longer, n);
  return pa.length > pb.length === longerIsNewer ? 1 : -1;
}

/** Anything with a number in it can be ordered. */
export function isValid(version: string): boolean {
  return /\d/.test(version);
}
