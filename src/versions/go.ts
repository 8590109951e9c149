/**
 * Go versions: module versions (`v1.2.3`, `v2.0.0+incompatible`, pseudo-versions such as
 * `v0.0.0-20191109021931-daa7c04131f5`, which are ordinary SemVer prereleases) and Go
 * toolchain versions for the standard library (`go1.21.5`, `go1.22rc1`, `go1.20`).
 * Order is golang.org/x/mod/semver's: build metadata is ignored, and an invalid version sorts
 * before every valid one and equal to other invalid ones. OSV data spells versions without
 * the `v` (`1.2.3`, `0`), so both spellings are read.
 */

/** x/mod/semver's grammar: `vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]`, no leading zeros. */
const MODULE_VERSION =
  /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/;

/** Release tags of the Go toolchain: `go1.21.5`, `go1.22rc1`, `go1.9.2rc2`, `go1.18beta1`. */
const TOOLCHAIN_TAG = /^go(\d+\.\d+)(\.\d+)?(?:(beta|rc)(\d+))?$/;

/**
 * A toolchain tag as the SemVer the Go vulnerability database uses for the `stdlib` and
 * `toolchain` modules: `go1.22rc1` → `v1.22.0-rc.1`, `go1.20` → `v1.20.0`, `go1` → `v1.0.0`.
 */
export function toolchainToSemver(tag: string): string | undefined {
  if (tag === 'go1') return 'v1.0.0';
  const m = TOOLCHAIN_TAG.exec(tag);
  if (!m) return undefined;
  const [, majorMinor, patch, pre, preNumber] = m;
  return `v${majorMinor}${patch ?? '.0'}${pre ? `-${pre}.${preNumber}` : ''}`;
}

/** The full `vX.Y.Z[-pre]` form of a module or toolchain version, or undefined if it is neither. */
export function canonical(version: string): string | undefined {
  const v = version.trim();
  if (v.startsWith('go')) return toolchainToSemver(v);
  const withV = v.startsWith('v') ? v : `v${v}`;
  const m = MODULE_VERSION.exec(withV);
  if (!m) return undefined;
  const [, major, minor, patch, pre] = m;
  // Shorthands `v1` and `v1.2` stand for `v1.0.0` and `v1.2.0`.
  return `v${major}.${minor ?? '0'}.${patch ?? '0'}${pre ?? ''}`;
}

export function compare(a: string, b: string): number {
  const ca = canonical(a);
  const cb = canonical(b);
  if (ca === undefined || cb === undefined) {
    if (ca === cb) return 0;
    return ca === undefined ? -1 : 1;
  }
  return compareCanonical(ca, cb);
}

/** SemVer 2.0 precedence on canonical forms, with arbitrarily large numbers (Go sets no limit). */
function compareCanonical(a: string, b: string): number {
  const [coreA, preA] = splitOnce(a.slice(1), '-');
  const [coreB, preB] = splitOnce(b.slice(1), '-');
  const numsA = coreA.split('.');
  const numsB = coreB.split('.');
  for (let i = 0; i < 3; i++) {
    const r = compareNumeric(numsA[i], numsB[i]);
    if (r !== 0) return r;
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const idsA = preA.split('.');
  const idsB = preB.split('.');
  for (let i = 0; i < Math.min(idsA.length, idsB.length); i++) {
    const r = compareIdentifier(idsA[i], idsB[i]);
    if (r !== 0) return r;
  }
  return Math.sign(idsA.length - idsB.length);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Digit strings without leading zeros: longer is larger, same length compares as text. */
function compareNumeric(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Numeric identifiers sort numerically and before alphanumeric ones, which sort as ASCII text. */
function compareIdentifier(a: string, b: string): number {
  const numA = /^\d+$/.test(a);
  const numB = /^\d+$/.test(b);
  if (numA && numB) return compareNumeric(a, b);
  if (numA !== numB) return numA ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export function isValid(version: string): boolean {
  return canonical(version) !== undefined;
}
