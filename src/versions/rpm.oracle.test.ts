/**
 * rpm itself is the reference (rpm.ver objects in its embedded Lua, compared by rpmverCmp).
 * EVR pairs come from real Red Hat-family advisories; the Debian and Alpine version corpora,
 * read as EVRs, exercise rpmvercmp's segment rules (`~`, `+`, letters, epochs) at scale.
 */
import { describe, expect, it } from 'vitest';
import { compare } from './rpm.js';
import { rpmOracle, type Verdict } from './testdata/oracles.js';
import { makePairs, type Pair } from './testdata/pairs.js';
import { alpineVersions, debianVersions, rpmEvrs } from './testdata/real-versions.js';

function disagreements(pairs: Pair[], verdicts: Verdict[], ours: (a: string, b: string) => number) {
  return pairs.map(([a, b], i) => ({ a, b, rpm: verdicts[i], ours: ours(a, b) })).filter((r) => r.rpm !== r.ours);
}

describe('rpm comparator against rpm', () => {
  it('agrees with rpm.ver on real EVR pairs', async () => {
    const pairs = makePairs(rpmEvrs(), { seed: 7, perPackage: 60, random: 3000 });
    // The same EVR with and without an explicit zero epoch must compare equal.
    pairs.push(['0:102.15.1-1.el8_8', '102.15.1-1.el8_8'], ['0:1.2.0-7.el9_2', '1.2.0-7.el9_2']);
    expect(pairs.length).toBeGreaterThan(3000);
    const verdicts = await rpmOracle(pairs);
    const diff = disagreements(pairs, verdicts, compare);
    console.info(`rpm EVR oracle: ${pairs.length} pairs, ${diff.length} disagreements`);
    expect(diff).toEqual([]);
    expect(new Set(verdicts)).toEqual(new Set([-1, 0, 1]));
  });

  it('agrees with rpm on Debian and Alpine version strings read as EVRs', async () => {
    const pairs = [
      ...makePairs(debianVersions(), { seed: 11, perPackage: 3, random: 1500 }),
      ...makePairs(alpineVersions(), { seed: 13, perPackage: 3, random: 1000 }),
    ];
    expect(pairs.length).toBeGreaterThan(4000);
    const verdicts = await rpmOracle(pairs);
    const diff = disagreements(pairs, verdicts, compare);
    console.info(`rpm oracle on Debian/Alpine strings: ${pairs.length} pairs, ${diff.length} disagreements`);
    expect(diff).toEqual([]);
    expect(verdicts.filter((v) => v === null)).toEqual([]);
  });
});
