/**
 * Debian package version order (Debian Policy §5.6.12, dpkg's verrevcmp):
 * `[epoch:]upstream_version[-debian_revision]`.
 */

interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]*$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]*$/;

/** Splits like dpkg's parseversion: epoch before the first `:`, revision after the last `-`. */
function split(version: string): DpkgVersion {
  const v = version.trim();
  const colon = v.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(v.slice(0, colon)) ? Number(v.slice(0, colon)) : 0;
  const rest = colon >= 0 ? v.slice(colon + 1) : v;
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Weight of one non-digit character: `~` lowest, end of string next, letters, then the rest. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126 /* ~ */) return -1;
  return c + 256;
}

/** dpkg's verrevcmp: alternate non-digit runs (by `order`) and digit runs (numerically). */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const diff = order(a, i) - order(b, j);
      if (diff !== 0) return Math.sign(diff);
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    let firstDiff = 0;
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return Math.sign(firstDiff);
  }
  return 0;
}

export function compare(a: string, b: string): number {
  const va = split(a);
  const vb = split(b);
  if (va.epoch !== vb.epoch) return va.epoch < vb.epoch ? -1 : 1;
  return compareFragment(va.upstream, vb.upstream) || compareFragment(va.revision, vb.revision);
}

/** The checks dpkg makes before it accepts a version (lib/dpkg/parsehelp.c). */
export function isValid(version: string): boolean {
  const v = version.trim();
  if (v === '' || /\s/.test(v)) return false;
  const colon = v.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(v.slice(0, colon))) return false;
  if (colon >= 0 && Number(v.slice(0, colon)) > 2147483647) return false;
  const { upstream, revision } = split(v);
  const hasRevision = v.slice(colon + 1).includes('-');
  if (upstream === '' || !isDigit(upstream.charCodeAt(0))) return false;
  if (!UPSTREAM_CHARS.test(upstream)) return false;
  if (hasRevision && (revision === '' || !REVISION_CHARS.test(revision))) return false;
  return true;
}
