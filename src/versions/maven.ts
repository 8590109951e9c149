/**
 * Maven version order, as Maven's ComparableVersion (3.8/3.9) defines it. A version parses into
 * nested lists: `.` separates items, `-` (and a switch between digits and letters) opens a
 * sub-list; trailing zeros and release qualifiers are dropped, so `1.0.0` = `1` = `1-ga`.
 */

type Item = { kind: 'number'; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

/** Known qualifiers in ascending order; the empty string is the release itself. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = QUALIFIERS.indexOf('');
const ALIASES = new Map([
  ['ga', ''],
  ['final', ''],
  ['release', ''],
  ['cr', 'rc'],
]);
/** `a1`, `b1`, `m1`: a one-letter qualifier directly followed by a number. */
const SHORT_QUALIFIERS = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);

function stringItem(text: string, followedByDigit: boolean): Item {
  const expanded = followedByDigit ? (SHORT_QUALIFIERS.get(text) ?? text) : text;
  return { kind: 'string', value: ALIASES.get(expanded) ?? expanded };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'number', value: BigInt(text) } : stringItem(text, false);
}

/** Unknown qualifiers rank after all known ones, among themselves alphabetically (as Maven's "7-xyz" keys do). */
function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i < 0 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isNull(item: Item): boolean {
  if (item.kind === 'number') return item.value === 0n;
  if (item.kind === 'string') return qualifierKey(item.value) === String(RELEASE_RANK);
  return item.items.length === 0;
}

/** Drops trailing null items (0, release qualifiers, empty lists), stopping at the first other non-list. */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

export function parse(version: string): Item[] {
  const v = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  const openList = (): void => {
    const sub: Item[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '.' || c === '-') {
      list.push(i === start ? { kind: 'number', value: 0n } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === '-') openList();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        // `.X1` is treated as `-X1`: a qualifier always starts its own list.
        if (list.length > 0) openList();
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit && list.length > 0) openList();
    list.push(parseItem(isDigit, v.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return root;
}

/** ComparableVersion's Item.compareTo; `null` stands for "nothing left on this side". */
function compareItem(a: Item, b: Item | null): number {
  if (a.kind === 'number') {
    if (b === null) return a.value === 0n ? 0 : 1;
    if (b.kind === 'number') return a.value === b.value ? 0 : a.value < b.value ? -1 : 1;
    return 1;
  }
  if (a.kind === 'string') {
    if (b === null) return Math.sign(compareKeys(qualifierKey(a.value), String(RELEASE_RANK)));
    if (b.kind === 'string') return Math.sign(compareKeys(qualifierKey(a.value), qualifierKey(b.value)));
    return -1;
  }
  if (b === null) {
    for (const item of a.items) {
      const r = compareItem(item, null);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'number') return -1;
  if (b.kind === 'string') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: Item[], b: Item[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const r = i < a.length ? compareItem(a[i], b[i] ?? null) : -compareItem(b[i], null);
    if (r !== 0) return r;
  }
  return 0;
}

/** Java's String.compareTo sign (UTF-16 code units), which JS string comparison matches. */
function compareKeys(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export function compare(a: string, b: string): number {
  return compareLists(parse(a.trim()), parse(b.trim()));
}

/** Maven accepts any string; an empty or blank one is the only thing that is not a version. */
export function isValid(version: string): boolean {
  return version.trim() !== '' && !/\s/.test(version.trim());
}
