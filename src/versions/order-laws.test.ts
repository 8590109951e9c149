/**
 * Every comparator must be a total order on real data, or matching gives different answers
 * depending on which pair it happens to compare: reflexive, antisymmetric, and consistent
 * with a sort of the whole corpus (which catches intransitive cycles).
 */
import { describe, expect, it } from 'vitest';
import { comparatorFor, type VersionScheme } from './index.js';
import { seededRandom } from './testdata/pairs.js';
import {
  allVersions,
  alpineVersions,
  debianVersions,
  goVersions,
  mavenVersions,
  pypiVersions,
  rpmEvrs,
} from './testdata/real-versions.js';

let pypiCache: Promise<string[]> | undefined;
const pypiAll = (): Promise<string[]> => (pypiCache ??= pypiVersions().then(allVersions));

async function corpus(scheme: VersionScheme): Promise<string[]> {
  switch (scheme) {
    case 'dpkg':
      return allVersions(debianVersions());
    case 'apk':
    case 'apk2':
      return allVersions(alpineVersions());
    case 'rpm':
      return [...allVersions(rpmEvrs()), ...allVersions(debianVersions()).slice(0, 3000)];
    case 'maven':
      return allVersions(mavenVersions());
    case 'go':
    case 'semver':
      return allVersions(await goVersions());
    case 'generic':
      return [
        ...(await pypiAll()).slice(0, 3000),
        ...allVersions(alpineVersions()),
        ...allVersions(mavenVersions()).slice(0, 1000),
      ];
    default:
      // PyPI's version strings, as far as this scheme reads them
      return pypiAll();
  }
}

const SCHEMES: VersionScheme[] = [
  'dpkg',
  'apk',
  'apk2',
  'rpm',
  'semver',
  'pep440',
  'maven',
  'go',
  'rubygems',
  'nuget',
  'composer',
  'generic',
];

describe.each(SCHEMES)('%s comparator on real versions', (scheme) => {
  it('is a total order', async () => {
    const { compare, isValid } = comparatorFor(scheme);
    const versions = (await corpus(scheme)).filter((v) => isValid(v));
    expect(versions.length).toBeGreaterThan(500);
    const sorted = [...versions].sort(compare);
    const rnd = seededRandom(scheme.length * 7919);
    const problems: string[] = [];
    for (let k = 0; k < 20_000 && problems.length < 5; k++) {
      const i = Math.floor(rnd() * sorted.length);
      const j = Math.floor(rnd() * sorted.length);
      const [a, b] = [sorted[Math.min(i, j)], sorted[Math.max(i, j)]];
      if (compare(a, a) !== 0) problems.push(`${a} != itself`);
      if (compare(a, b) !== -compare(b, a) && !(compare(a, b) === 0 && compare(b, a) === 0))
        problems.push(`${a} / ${b} not antisymmetric`);
      if (compare(a, b) > 0) problems.push(`${a} sorted before ${b} but compares greater`);
    }
    for (let i = 1; i < sorted.length && problems.length < 5; i++) {
      if (compare(sorted[i - 1], sorted[i]) > 0) problems.push(`${sorted[i - 1]} > ${sorted[i]} after sorting`);
    }
    expect(problems).toEqual([]);
  });
});
