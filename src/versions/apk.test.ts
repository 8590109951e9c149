import { describe, expect, it } from 'vitest';
import { compare, isValid } from './apk.js';
import { allVersions, alpineVersions } from './testdata/real-versions.js';

/** [a, expected sign of compare(a, b), b]; versions from Alpine's secdb (v3.3 … v3.20). */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // openssl letter releases: a letter after the last number sorts after the plain number
  ['1.1.1k-r0', 1, '1.1.1j-r0'],
  ['1.1.1a-r0', 1, '1.1.1-r1'],
  ['1.1.1d-r3', 1, '1.1.1d-r1'],
  ['1.1.10-r0', 1, '1.1.1l-r0'],
  ['3.1.10-r0', 1, '3.1.9-r0'],
  ['3.3.7-r0', 1, '3.3.6-r0'],
  // -rN package revisions compare numerically
  ['7.5_p1-r10', 1, '7.5_p1-r9'],
  ['3.5.27-r3', 1, '3.5.27-r0'],
  ['1.1.1-r0', -1, '1.1.1-r1'],
  // pre-release suffixes sort before the release, post-release suffixes after
  ['1.6_rc1-r0', -1, '1.6_rc2-r5'],
  ['1.6_rc2-r6', 1, '1.6_rc2-r5'],
  ['1.0.0_rc9', 1, '1.0.0_rc7'],
  ['2.0.0_rc4-r0', -1, '2.0.0-r0'],
  ['0.99_beta19-r3', -1, '0.99-r0'],
  ['0.5_alpha-r1', -1, '0.5-r0'],
  ['0.99_beta19-r3', 1, '0.99_alpha1-r0'],
  ['7.5_p1-r0', 1, '7.5-r0'],
  ['7.4_p1-r2', -1, '7.5_p1-r0'],
  ['7.2_p2-r1', 1, '7.2_p1-r2'],
  ['6.0_p20171125-r0', 1, '6.0_p20170930-r0'],
  ['6.1_p20180414-r0', 1, '6.0_p20171125-r1'],
  ['1.8.20_p2-r0', 1, '1.8.20_rc1-r0'],
  // a component with a leading zero compares as text, like a decimal fraction
  ['0.06-r0', -1, '0.6-r0'],
  ['16.02-r1', -1, '16.2-r1'],
  ['16.02-r3', 1, '16.02-r2'],
  ['18.09.8', 1, '18.09.7'],
  ['19.03.1', 1, '18.09.8'],
  // secdb's "0" (never fixed) is older than any version
  ['0', -1, '1.1.1a-r0'],
  // trailing zero components are not ignored
  ['1.0', -1, '1.0.0'],
  ['1.0.0-r0', 0, '1.0.0-r0'],
];

/** Real secdb keys apk-tools itself rejects (packager typos). */
const INVALID_IN_SECDB = [
  ...['0.12.5.-r0', '1.0.4.-r0', '1.18.-r2', '1.7.5.-r1', '4.8.0.-r1'], // a `.` with no number after it
  ...['10.2.22.r0', '10.2.24.r0', '10.2.26.r0', '0.8.21.r2', '2.15.r-r1'], // `.r` for `-r`
  ...['2.7.16-33', '4.10-1-r1', '1.11-20-r0', '57-1-r2'], // a `-` that does not start `-rN`
  '6.6.2p1-r0', // a number after a letter
];

describe('apk version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('accepts every real secdb version except the known typos', () => {
    const versions = allVersions(alpineVersions());
    expect(versions.length).toBeGreaterThan(1400);
    expect(versions.filter((v) => !isValid(v)).sort()).toEqual([...INVALID_IN_SECDB].sort());
  });

  it('rejects malformed versions with the grammar apk-tools enforces', () => {
    for (const bad of ['', 'a', '_pre1', '-r1', '1.0bc', '1.0a1', '1.0_foo', '1.0-r', '1.0-r2_p1', '1.0~', '1.0~xyz'])
      expect(isValid(bad), bad).toBe(false);
    for (const good of ['1.0_pre2', '1.0_pre2~1234abcd', '1.0_p1_pre2', '1.0_git20240101_pre1', '1.0~1234abcd-r1'])
      expect(isValid(good), good).toBe(true);
  });

  it('orders the commit-hash component between suffixes and the revision', () => {
    expect(compare('1.0~1234', '1.0~2345')).toBe(-1);
    expect(compare('1.0~1234-r1', '1.0~1234-r0')).toBe(1);
    expect(compare('1.0~1234-r1', '1.0~2345-r0')).toBe(-1);
  });
});
