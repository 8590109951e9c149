/**
 * rpm itself is the reference (rpm.ver objects in its embedded Lua, compared by rpmverCmp).
 * The real RPM EVRs at hand (Red Hat's CSAF samples, the rpms src/catalogers/rpm builds) are
 * few, so each is also paired with Debian and Alpine version strings read as EVRs; those
 * corpora on their own exercise rpmvercmp's segment rules (`~`, `+`, letters, epochs) at scale.
 */
import { describe, expect, it } from 'vitest';
import { compare } from './rpm.js';
import { rpmOracle, type Verdict } from './testdata/oracles.js';
import { crossPairs, makePairs, type Pair } from './testdata/pairs.js';
import { allVersions, alpineVersions, debianVersions, rpmEvrs } from './testdata/real-versions.js';

function disagreements(pairs: Pair[], verdicts: Verdict[], ours: (a: string, b: string) => number) {
  return pairs.map(([a, b], i) => ({ a, b, rpm: verdicts[i], ours: ours(a, b) })).filter((r) => r.rpm !== r.ours);
}

describe('rpm comparator against rpm', () => {
  it('agrees with rpm.ver on real EVR pairs', async () => {
    const evrs = allVersions(rpmEvrs());
    const others = [...new Set([...allVersions(debianVersions()), ...allVersions(alpineVersions())])].sort();
    const pairs = crossPairs(evrs, others, { seed: 7, perItem: 250 });
    expect(pairs.length).toBeGreaterThan(3000);
    // Red Hat spells the same EVR with and without an explicit zero epoch; rpm holds them equal.
    const zeroEpoch = pairs.findIndex(([a, b]) => a === '0:3.9.19-8.el9' && b === '3.9.19-8.el9');
    expect(zeroEpoch).toBeGreaterThanOrEqual(0);
    const verdicts = await rpmOracle(pairs);
    expect(verdicts[zeroEpoch]).toBe(0);
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
