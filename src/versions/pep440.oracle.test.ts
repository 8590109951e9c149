/**
 * pypa `packaging` (what pip uses) is the reference: real PyPI versions from the PyPA
 * advisory database, paired within a package and at random, must order the same, and
 * both sides must agree on which strings are PEP 440 versions at all.
 */
import { describe, expect, it } from 'vitest';
import { compare, isValid } from './pep440.js';
import { pep440Oracle } from './testdata/oracles.js';
import { makePairs } from './testdata/pairs.js';
import { allVersions, pypiVersions } from './testdata/real-versions.js';

describe('PEP 440 comparator against pypa packaging', () => {
  it('agrees on real PyPI version pairs', async () => {
    const versions = await pypiVersions();
    expect(allVersions(versions).length).toBeGreaterThan(10_000);
    const pairs = makePairs(versions, { seed: 440, perPackage: 20, random: 4000 });
    // Equal versions in different spellings, as advisories write them.
    pairs.push(['0.5.0-beta5', '0.5.0b5'], ['4.1-rc', '4.1rc0'], ['0.9.3-3', '0.9.3.post3'], ['13.0.0.0b1', '13.0b1']);
    expect(pairs.length).toBeGreaterThan(8000);

    const { verdicts, packagingVersion } = await pep440Oracle(pairs);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, packaging: verdicts[i], ours: isValid(a) && isValid(b) ? compare(a, b) : null }))
      .filter((r) => r.packaging !== r.ours);
    console.info(
      `PEP 440 oracle (packaging ${packagingVersion}): ${pairs.length} pairs, ${disagreements.length} disagreements`,
    );
    expect(disagreements).toEqual([]);
    expect(new Set(verdicts)).toEqual(new Set([-1, 0, 1, null]));
  });
});
