/** Deterministic pairing of real versions for oracle tests: same-package pairs plus random ones. */
import type { VersionsByPackage } from './real-versions.js';

export type Pair = [string, string];

/** mulberry32: a small seeded PRNG, so every run compares the same pairs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Up to `perPackage` pairs within each package (what matching compares: installed vs fixed),
 * then `random` pairs drawn from all versions, without duplicates.
 */
export function makePairs(map: VersionsByPackage, opts: { seed: number; perPackage: number; random: number }): Pair[] {
  const rnd = seededRandom(opts.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const seen = new Set<string>();
  const pairs: Pair[] = [];
  const push = (a: string, b: string): void => {
    const key = `${a}\u0000${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  };
  for (const pkg of [...map.keys()].sort()) {
    const versions = [...map.get(pkg)!].sort();
    if (versions.length < 2) continue;
    const all = versions.length * (versions.length - 1);
    if (all <= opts.perPackage) {
      for (const a of versions) for (const b of versions) push(a, b);
    } else {
      for (let i = 0; i < opts.perPackage; i++) push(pick(versions), pick(versions));
    }
  }
  const everything = [...new Set([...map.values()].flatMap((s) => [...s]))].sort();
  for (let i = 0; i < opts.random; i++) push(pick(everything), pick(everything));
  return pairs;
}

/**
 * Every version of `few` against `perItem` seeded draws from `many`, in both orders, after
 * all pairs among `few` themselves: for a small corpus of real versions of one scheme
 * (RPM EVRs) checked against a large corpus of other real strings read in that scheme.
 */
export function crossPairs(few: string[], many: string[], opts: { seed: number; perItem: number }): Pair[] {
  const rnd = seededRandom(opts.seed);
  const pairs: Pair[] = [];
  for (const a of few) for (const b of few) if (a !== b) pairs.push([a, b]);
  for (const a of few) {
    for (let i = 0; i < opts.perItem; i++) {
      const b = many[Math.floor(rnd() * many.length)];
      pairs.push([a, b], [b, a]);
    }
  }
  return pairs;
}
