/**
 * Composer (Packagist) versions: Composer's VersionParser normalization (`v1.2` →
 * `1.2.0.0`, `1.0-beta2` → `1.0.0.0-beta2`, `1.0pl1` → `1.0.0.0-patch1`, `2.x-dev` →
 * `2.9999999.9999999.9999999-dev`) followed by PHP's version_compare, which ranks
 * dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p.
 * Named branches (`dev-main`) have no order against versions; they sort first.
 */
import { versionCompare } from './php-version-compare.js';

const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSIC = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE_BASED = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;

function expandStability(s: string): string {
  const lower = s.toLowerCase();
  if (lower === 'a') return 'alpha';
  if (lower === 'b') return 'beta';
  if (lower === 'p' || lower === 'pl') return 'patch';
  if (lower === 'rc') return 'RC';
  return lower;
}

/** `1.x` / `2.3.*` branches become the highest version of that line, marked `-dev`. */
function normalizeBranch(name: string): string {
  const m = NUMERIC_BRANCH.exec(name.trim());
  if (!m) return `dev-${name}`;
  const parts = [1, 2, 3, 4].map((i) => (m[i] === undefined ? '.x' : m[i].replace(/[*X]/g, 'x')));
  return `${parts.join('').replace(/x/g, '9999999')}-dev`;
}

/** Composer's VersionParser::normalize, or undefined where Composer would reject the string. */
export function normalize(version: string): string | undefined {
  let v = version.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(v);
  if (alias) v = alias[1];
  v = v.replace(STABILITY_FLAG, '');
  if (v === 'master' || v === 'trunk' || v === 'default') v = `dev-${v}`;
  if (v.toLowerCase().startsWith('dev-')) return `dev-${v.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(v);
  if (build) v = build[1];
  let m = CLASSIC.exec(v);
  let normalized: string | undefined;
  let index = 5;
  if (m) {
    normalized = m[1] + (m[2] || '.0') + (m[3] || '.0') + (m[4] || '.0');
  } else if ((m = DATE_BASED.exec(v))) {
    normalized = m[1].replace(/\D/g, '.');
    index = 2;
  }
  if (m && normalized !== undefined) {
    const stability = m[index];
    if (stability) {
      if (stability === 'stable') return normalized;
      normalized += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (m[index + 2]) normalized += '-dev';
    return normalized;
  }
  const devSuffix = /^(.*?)[.-]?dev$/i.exec(v);
  if (devSuffix) {
    const branch = normalizeBranch(devSuffix[1]);
    if (!branch.includes('dev-')) return branch;
  }
  return undefined;
}

export function compare(a: string, b: string): number {
  const na = normalize(a) ?? a.trim();
  const nb = normalize(b) ?? b.trim();
  const branchA = na.startsWith('dev-');
  const branchB = nb.startsWith('dev-');
  if (branchA || branchB) {
    if (branchA && branchB) return na === nb ? 0 : na < nb ? -1 : 1;
    return branchA ? -1 : 1;
  }
  return versionCompare(na, nb);
}

export function isValid(version: string): boolean {
  return normalize(version) !== undefined;
}
