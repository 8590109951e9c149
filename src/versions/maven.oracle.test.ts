/**
 * Maven's own ComparableVersion (from the maven-artifact jar of Debian's maven package) is
 * the reference for real Maven Central versions and GHSA Maven advisory versions.
 */
import { describe, expect, it } from 'vitest';
import { compare } from './maven.js';
import { mavenOracle } from './testdata/oracles.js';
import { makePairs } from './testdata/pairs.js';
import { allVersions, mavenVersions } from './testdata/real-versions.js';

describe('Maven comparator against Maven ComparableVersion', () => {
  it('agrees on real version pairs, same-artifact and random', async () => {
    const versions = mavenVersions();
    expect(allVersions(versions).length).toBeGreaterThan(1500);
    const pairs = makePairs(versions, { seed: 3, perPackage: 12, random: 3000 });
    // Spellings Maven treats as the same version.
    pairs.push(['5.2.20.RELEASE', '5.2.20'], ['4.1.115.Final', '4.1.115'], ['2.0', '2.0.0'], ['1.0-cr1', '1.0-rc1']);
    expect(pairs.length).toBeGreaterThan(5000);

    const verdicts = await mavenOracle(pairs);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, maven: verdicts[i], ours: compare(a, b) }))
      .filter((r) => r.maven !== r.ours);
    console.info(`Maven oracle: ${pairs.length} pairs, ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    expect(new Set(verdicts)).toEqual(new Set([-1, 0, 1]));
  });

  it('agrees on the table cases and Maven edge cases', async () => {
    const pairs: Array<[string, string]> = [
      ['1.0.0.RC1', '1.0.0-RC1'],
      ['1.0-alpha-1', '1.0a1'],
      ['1-0.1', '1-0-1'],
      ['1.0.0.X1', '1.0.0-X2'],
      ['2.13.4.redhat-00001', '2.13.4'],
      ['1.0-sp1', '1.0.1'],
      ['1-1', '1.1'],
      ['1.0-SNAPSHOT', '1.0-RC1'],
      ['0.0.0.M2a', '0.0.0'],
      ['1.2147483648', '1.2147483647'],
      ['1.0.', '1.0'],
      ['.1', '0.1'],
      ['1--1', '1-0-1'],
      ['1.ga', '1'],
      ['1-final-1', '1-1'],
      ['1.0-xyz', '1.0-abc'],
      ['1.0-m', '1.0-milestone'],
      ['1a', '1-a'],
    ];
    const verdicts = await mavenOracle(pairs);
    expect(pairs.map(([a, b]) => compare(a, b))).toEqual(verdicts);
  });
});
