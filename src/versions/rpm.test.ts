import { describe, expect, it } from 'vitest';
import { compare, isValid, parseEvr, rpmvercmp } from './rpm.js';
import { allVersions, alpineVersions, debianVersions, rpmEvrs } from './testdata/real-versions.js';

/**
 * [a, expected sign of compare(a, b), b]: hand-written cases in the EVR shapes of RHEL (el6_10,
 * el9_4, module+el8 releases), Oracle UEK, Amazon Linux, Photon and Fedora (~ and ^) packages.
 */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // epoch first: a higher epoch wins whatever follows
  ['32:9.8.2-0.68.rc1.el6_10.17', 1, '9.11.36-5.el8'],
  ['32:9.11.4-26.P2.el7_9.13', -1, '32:9.11.13-6.el8_2.11'],
  ['0:102.15.1-1.el8_8', 0, '102.15.1-1.el8_8'],
  // release comparison: el8_8 > el8_6, numbers beat letters in the same place
  ['0:102.15.1-1.el8_8', 1, '0:102.15.1-1.el8_6'],
  ['3.9.19-8.el9', 1, '3.9.18-3.el9_4.5'],
  ['3.9.18-3.el9_4.5', 1, '3.9.18-3.el9_4'],
  ['0:13.13-1.module+el8.9.0+20664+9c30cf7f', 1, '0:13.12-1.module+el8.9.0+20000+aaaaaaaa'],
  ['4.9.76-38.79.amzn2', 1, '4.9.76-38.78.amzn2'],
  ['0:2.6.39-400.302.2.el6uek', 1, '0:2.6.39-400.302.1.el6uek'],
  // a missing release sorts before any release (rpmverCmp), versions equal otherwise
  ['1.2.0', -1, '1.2.0-7.el9_2'],
  // separators only separate; leading zeros do not count
  ['1.0_1', 0, '1.0.1'],
  ['1.010', 0, '1.10'],
  ['7.88.1-4.ph4', 1, '7.88.1-4.ph3'],
  // tilde sorts before anything, caret after the release but before the next version (Fedora packaging)
  ['5.0.0~rc1-1.fc38', -1, '5.0.0-1.fc38'],
  ['5.0.0~rc1-1.fc38', 1, '5.0.0~beta2-1.fc38'],
  ['1.0^20230101git1a2b3c4-1', 1, '1.0-1'],
  ['1.0^20230101git1a2b3c4-1', -1, '1.0.1-1'],
  ['1.0~rc1^git1-1', -1, '1.0-1'],
];

describe('rpm version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('splits EVRs the way rpm does', () => {
    expect(parseEvr('32:9.8.2-0.68.rc1.el6_10.17')).toEqual({
      epoch: '32',
      version: '9.8.2',
      release: '0.68.rc1.el6_10.17',
    });
    expect(parseEvr('3.9.19-8.el9')).toEqual({ epoch: undefined, version: '3.9.19', release: '8.el9' });
    expect(parseEvr(':1.0')).toEqual({ epoch: '0', version: '1.0', release: undefined });
  });

  it('applies rpmvercmp segment rules on plain strings', () => {
    expect(rpmvercmp('1.0a', '1.0.1')).toBe(-1);
    expect(rpmvercmp('2.0', '2.0.0')).toBe(-1);
    expect(rpmvercmp('fc38', 'fc4')).toBe(1);
    expect(rpmvercmp('1.0~', '1.0')).toBe(-1);
    expect(rpmvercmp('1.0^', '1.0')).toBe(1);
  });

  it('accepts every real EVR', () => {
    const evrs = allVersions(rpmEvrs());
    // Red Hat's CSAF samples (python3.9 and bind, with and without an explicit 0 epoch) and our rpmbuild specs.
    expect(evrs).toEqual([
      '0.9-1.el9',
      '0:3.9.18-3.el9_4.5',
      '0:3.9.19-8.el9',
      '2:1.2.3-4',
      '3.9.18-3.el9_4.5',
      '3.9.19-8.el9',
      '32:9.8.2-0.68.rc1.el6_10.17',
    ]);
    expect(evrs.filter((v) => !isValid(v))).toEqual([]);
    // rpm also takes every Debian and Alpine version string as an EVR (rpm.oracle.test.ts), so must we.
    const others = [...allVersions(debianVersions()), ...allVersions(alpineVersions())];
    expect(others.length).toBeGreaterThan(3000);
    expect(others.filter((v) => !isValid(v))).toEqual([]);
    for (const bad of ['', 'x:1.0', '1:', '1.0-', '1.0 1']) expect(isValid(bad), bad).toBe(false);
  });
});
