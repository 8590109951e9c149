/**
 * RubyGems version order (Gem::Version): dot-separated segments of digits or letters; any
 * letter makes a prerelease (`1.0.a` < `1.0`); `-` reads as `.pre.`; trailing zeros are
 * ignored within the numeric part and within the letter part (`1.0.0` = `1`, `1.0.a` = `1.a`).
 */

type Segment = bigint | string;

/** Gem::Version::ANCHORED_VERSION_PATTERN (an empty string is version "0"). */
const VERSION_PATTERN = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;

function segments(version: string): Segment[] {
  const v = version.trim().replace(/-/g, '.pre.');
  return (v.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d/.test(s) ? BigInt(s) : s));
}

function dropTrailingZeros(segs: Segment[]): Segment[] {
  let end = segs.length;
  while (end > 0 && segs[end - 1] === 0n) end--;
  return segs.slice(0, end);
}

/** Gem::Version#canonical_segments: the release part and the prerelease part, each without trailing zeros. */
function canonicalSegments(version: string): Segment[] {
  const segs = segments(version);
  const firstString = segs.findIndex((s) => typeof s === 'string');
  const cut = firstString < 0 ? segs.length : firstString;
  return [...dropTrailingZeros(segs.slice(0, cut)), ...dropTrailingZeros(segs.slice(cut))];
}

export function compare(a: string, b: string): number {
  const sa = canonicalSegments(a);
  const sb = canonicalSegments(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const l = sa[i] ?? 0n;
    const r = sb[i] ?? 0n;
    if (l === r) continue;
    // A letter segment (prerelease) is older than a number in the same place.
    if (typeof l === 'string' && typeof r === 'bigint') return -1;
    if (typeof l === 'bigint' && typeof r === 'string') return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

export function isValid(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/** Gem::Version#prerelease?: any letter in the version. */
export function isPrerelease(version: string): boolean {
  return /[a-zA-Z]/.test(version);
}
