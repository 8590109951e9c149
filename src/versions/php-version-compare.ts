/**
 * PHP's version_compare(), which Composer applies to normalized versions. PHP first
 * canonicalizes (`-`, `_`, `+` become `.`, a `.` goes between digits and letters), then
 * compares part by part: numbers numerically, words by their rank among the special forms.
 */

/** Special forms matched by prefix, as PHP does (`patch` counts as `p`, `develop` as `dev`). */
const SPECIAL_FORMS: Array<[string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** A number stands in this place; ranks between RC and patch. */
const NUMBER_FORM = '#N#';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

function canonicalize(version: string): string {
  let out = version[0];
  let last = version[0];
  for (const c of version.slice(1)) {
    const lastIsDigit = isDigit(last);
    const lastIsOther = !lastIsDigit && last !== '.';
    const cIsDigit = isDigit(c);
    const cIsOther = !cIsDigit && c !== '.';
    const needDot = !out.endsWith('.');
    if (c === '-' || c === '_' || c === '+') {
      if (needDot) out += '.';
    } else if ((lastIsOther && cIsDigit) || (lastIsDigit && cIsOther)) {
      if (needDot) out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (needDot) out += '.';
    } else {
      out += c;
    }
    last = c;
  }
  return out;
}

function specialRank(form: string): number {
  for (const [name, rank] of SPECIAL_FORMS) if (form.startsWith(name)) return rank;
  return -1;
}

function compareForms(a: string, b: string): number {
  return Math.sign(specialRank(a) - specialRank(b));
}

/** strtol on a digit-led part: its leading digits, as a number. */
const leadingNumber = (part: string): bigint => BigInt(/^\d+/.exec(part)![0]);

export function versionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  const pa = (a.startsWith('#') ? a : canonicalize(a)).split('.');
  const pb = (b.startsWith('#') ? b : canonicalize(b)).split('.');
  // PHP walks a pointer through the string; it stops early on an empty remainder (a trailing `.`).
  const hasRest = (parts: string[], i: number): boolean =>
    i < parts.length && !(i === parts.length - 1 && parts[i] === '');
  let i = 0;
  for (; hasRest(pa, i) && hasRest(pb, i); i++) {
    const x = pa[i];
    const y = pb[i];
    let result: number;
    if (isDigit(x[0]) && isDigit(y[0])) {
      const nx = leadingNumber(x);
      const ny = leadingNumber(y);
      result = nx === ny ? 0 : nx < ny ? -1 : 1;
    } else if (!isDigit(x[0]) && !isDigit(y[0])) {
      result = compareForms(x, y);
    } else {
      result = isDigit(x[0]) ? compareForms(NUMBER_FORM, y) : compareForms(x, NUMBER_FORM);
    }
    if (result !== 0) return result;
  }
  // One side has parts left: a number there makes it newer, a word is ranked against a number.
  // A trailing `.` left by canonicalizing (`1.0#` → `1.0.`) is no part: both sides end there,
  // so compare(x, x) is 0 for every string.
  if (!hasRest(pa, i) && !hasRest(pb, i)) return 0;
  if (hasRest(pa, i)) return isDigit(pa[i][0]) ? 1 : versionCompare(pa.slice(i).join('.'), NUMBER_FORM);
  if (hasRest(pb, i)) return isDigit(pb[i][0]) ? -1 : versionCompare(NUMBER_FORM, pb.slice(i).join('.'));
  return 0;
}
