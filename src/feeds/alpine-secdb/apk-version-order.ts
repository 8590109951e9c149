/**
 * Orders apk version strings (`1.2.3_rc1-r0`) just enough to pick the earliest
 * of the fix versions secdb lists for one CVE of one package. Follows the
 * apk-tools rules: dotted numbers, an optional letter, `_suffix[N]` parts
 * (pre-releases below the plain version, post-releases above), then `-rN`.
 */
const SUFFIX_RANK: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };

interface ApkVersion {
  numbers: number[];
  letter: string;
  suffixes: { rank: number; n: number }[];
  revision: number;
}

const FORM = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$/;

function parse(version: string): ApkVersion | undefined {
  const match = FORM.exec(version);
  if (!match) return undefined;
  const suffixes = [...match[3].matchAll(/_([a-z]+)(\d*)/g)].map((s) => ({ rank: SUFFIX_RANK[s[1]], n: Number(s[2] || 0) }));
  return { numbers: match[1].split('.').map(Number), letter: match[2], suffixes, revision: Number(match[4] ?? 0) };
}

export function compareApkVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  // Outside the grammar secdb uses: keep a deterministic order rather than guess.
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    if (x.numbers[i] === undefined) return -1;
    if (y.numbers[i] === undefined) return 1;
    if (x.numbers[i] !== y.numbers[i]) return x.numbers[i] - y.numbers[i];
  }
  if (x.letter !== y.letter) return x.letter < y.letter ? -1 : 1;
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i++) {
    const sx = x.suffixes[i] ?? { rank: 0, n: 0 };
    const sy = y.suffixes[i] ?? { rank: 0, n: 0 };
    if (sx.rank !== sy.rank) return sx.rank - sy.rank;
    if (sx.n !== sy.n) return sx.n - sy.n;
  }
  return x.revision - y.revision;
}

export function earliestApkVersion(versions: string[]): string | undefined {
  return [...versions].sort(compareApkVersions)[0];
}
