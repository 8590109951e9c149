import { describe, expect, it } from 'vitest';
import { compare, isValid } from './maven.js';

/** [a, expected sign of compare(a, b), b]; versions as published on Maven Central and in GHSA Maven advisories. */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // release aliases and trailing zeros vanish: .RELEASE, .Final, -GA, 1.0 = 1.0.0
  ['5.2.20.RELEASE', 0, '5.2.20'],
  ['5.2.20.RELEASE', -1, '5.3.18'],
  ['4.1.115.Final', 0, '4.1.115'],
  ['4.1.115.Final', 1, '4.1.114.Final'],
  ['2.0', 0, '2.0.0'],
  ['1.0.0-GA', 0, '1'],
  // numeric parts compare as numbers
  ['2.0.72.Final', 1, '2.0.8.Final'],
  ['1.20.3', 1, '1.9.0'],
  // alpha < beta < milestone < rc = cr < snapshot < release < sp; a1/b1/m1 are short forms
  ['2.0-alpha-1', -1, '2.0-beta-1'],
  ['5.11.0-M2', -1, '5.11.0-RC1'],
  ['5.11.0-M2', 1, '5.11.0-M1'],
  ['1.0-cr1', 0, '1.0-rc1'],
  ['1.0-RC1', -1, '1.0-SNAPSHOT'],
  ['1.0-SNAPSHOT', -1, '1.0'],
  ['1.0-sp1', 1, '1.0'],
  ['1.0a1', 0, '1.0-alpha-1'],
  ['1.0b2', 0, '1.0-beta-2'],
  ['1.0m3', 0, '1.0-milestone-3'],
  ['0.0.0.M2a', -1, '0.0.0'],
  // unknown qualifiers sort after the release, alphabetically among themselves
  ['33.0.0-jre', 1, '33.0.0'],
  ['33.6.0-android', -1, '33.6.0-jre'],
  ['32.1.3-jre', -1, '33.0.0-android'],
  ['9999.0-empty-to-avoid-conflict-with-guava', 1, '9999.0'],
  // vendor rebuilds (`-redhat-00001`) are newer than the upstream release, ordered by build number
  ['2.13.4.redhat-00001', 1, '2.13.4'],
  ['2.13.4.redhat-00002', 1, '2.13.4.redhat-00001'],
  ['2.13.4.redhat-00001', -1, '2.13.5'],
  // a number sorts after a qualifier in the same place; a dash-list sorts below a dotted number
  ['1.0.1', 1, '1.0-sp1'],
  ['1-1', -1, '1.1'],
  ['1.0.0.Final', 0, '1.0.0.final'],
];

describe('Maven version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('treats any non-blank string as a version, as Maven does', () => {
    expect(isValid('v20261025')).toBe(true);
    expect(isValid('9999.0-empty-to-avoid-conflict-with-guava')).toBe(true);
    expect(isValid('')).toBe(false);
    expect(isValid('1.0 beta')).toBe(false);
  });

  it('compares numbers of any size', () => {
    expect(compare('1.12345678901234567890', '1.12345678901234567891')).toBe(-1);
    expect(compare('1.2147483648', '1.2147483647')).toBe(1);
  });
});
