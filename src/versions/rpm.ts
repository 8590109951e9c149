/**
 * RPM version order: rpmvercmp for each part of `[epoch:]version[-release]`, compared
 * epoch (missing = 0), then version, then release, as rpm's rpmverCmp does (a missing
 * release sorts before any release).
 */

export interface Evr {
  epoch: string | undefined;
  version: string;
  release: string | undefined;
}

/** Splits like rpm's rpmverParse: epoch is the leading digits before `:`, release follows the last `-`. */
export function parseEvr(evr: string): Evr {
  let rest = evr.trim();
  let epoch: string | undefined;
  const m = /^(\d*):/.exec(rest);
  if (m) {
    epoch = m[1] === '' ? '0' : m[1];
    rest = rest.slice(m[0].length);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest, release: undefined };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSeparator = (c: string | undefined): boolean =>
  c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/**
 * rpmvercmp on one version or release string: alternating digit and letter segments,
 * separators ignored, `~` sorts before anything (even the end), `^` after the end but before
 * any further segment.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const inSegment = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (inSegment(a[i])) i++;
    while (inSegment(b[j])) j++;
    // A numeric segment is newer than an alphabetic one in the same place.
    if (j === sj) return numeric ? 1 : -1;
    let segA = a.slice(si, i);
    let segB = b.slice(sj, j);
    if (numeric) {
      segA = segA.replace(/^0+/, '');
      segB = segB.replace(/^0+/, '');
      if (segA.length !== segB.length) return segA.length > segB.length ? 1 : -1;
    }
    if (segA !== segB) return segA < segB ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Present beats missing, two present ones go to rpmvercmp (rpm's compare_values). */
function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (b === undefined) return 1;
  if (a === undefined) return -1;
  return rpmvercmp(a, b);
}

export function compareEvr(a: Evr, b: Evr): number {
  return (
    compareOptional(a.epoch ?? '0', b.epoch ?? '0') ||
    compareOptional(a.version, b.version) ||
    compareOptional(a.release, b.release)
  );
}

export function compare(a: string, b: string): number {
  return compareEvr(parseEvr(a), parseEvr(b));
}

/** A usable EVR: numeric epoch if any, a non-empty version, a non-empty release if a `-` is there. */
export function isValid(evr: string): boolean {
  const v = evr.trim();
  if (v === '' || /\s/.test(v)) return false;
  const colon = v.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(v.slice(0, colon))) return false;
  const { version, release } = parseEvr(v);
  if (version === '' || version.includes(':')) return false;
  return release === undefined || release !== '';
}
