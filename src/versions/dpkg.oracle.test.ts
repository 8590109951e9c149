/**
 * dpkg's own `--compare-versions` is the reference: thousands of real version pairs from the
 * Debian security tracker and the bookworm image must come out the same.
 */
import { describe, expect, it } from 'vitest';
import { compare, isValid } from './dpkg.js';
import { dpkgOracle } from './testdata/oracles.js';
import { makePairs } from './testdata/pairs.js';
import { allVersions, debianVersions } from './testdata/real-versions.js';

describe('dpkg comparator against dpkg --compare-versions', () => {
  it('agrees on real version pairs, same-package and random', async () => {
    const versions = debianVersions();
    expect(allVersions(versions).length).toBeGreaterThan(5000);
    const pairs = makePairs(versions, { seed: 20240611, perPackage: 6, random: 2500 });
    // Different spellings of the same version: an explicit zero epoch.
    const equalSpellings = allVersions(versions)
      .filter((v) => !v.includes(':'))
      .slice(0, 200)
      .map((v): [string, string] => [v, `0:${v}`]);
    pairs.push(...equalSpellings);
    expect(pairs.length).toBeGreaterThan(6000);

    const verdicts = await dpkgOracle(pairs);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, dpkg: verdicts[i], ours: compare(a, b) }))
      .filter((r) => r.dpkg !== r.ours);
    console.info(`dpkg oracle: ${pairs.length} pairs compared, ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    // every pair was answered, and the answers are not all the same
    expect(verdicts.filter((v) => v === null)).toEqual([]);
    expect(new Set(verdicts)).toEqual(new Set([-1, 0, 1]));
  });

  it('accepts every version dpkg accepted in the tracker data', () => {
    expect(allVersions(debianVersions()).filter((v) => !isValid(v))).toEqual([]);
  });
});
