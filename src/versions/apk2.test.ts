import { describe, expect, it } from 'vitest';
import * as v3 from './apk.js';
import * as v2 from './apk2.js';
import { comparatorFor, schemeForNamespace } from './index.js';
import { allVersions, alpineVersions } from './testdata/real-versions.js';

const sign = (n: number) => Math.sign(n) || 0;

/** [a, apk-tools 2's sign of compare(a, b), apk-tools 3's, b]: where the two orders part. */
const DIFFER: Array<[string, -1 | 0 | 1, -1 | 0 | 1, string]> = [
  // Real secdb fix versions (../shared/feeds alpine-secdb official-yaml):
  // v3.11 opensmtpd: a number after a letter is a further number for 2; for 3 it is invalid,
  // and two versions invalid from the same point on are equal.
  ['6.6.2p1-r0', -1, 0, '6.6.2p2-r0'],
  ['6.6.2p10-r0', 1, 0, '6.6.2p9-r0'],
  // v3.6–v3.8 py-django "1.11-20-r0": a `-` not followed by `r` is invalid; 2 puts an invalid rest
  // above any continuation, 3 below.
  ['1.11.23-r0', -1, 1, '1.11-20-r0'],
  // v3.11 python2 "2.7.16-33"
  ['2.7.16-r1', -1, 1, '2.7.16-33'],
  // wget "1.18.-r2": an empty component after a dot is 0 for 2, invalid for 3.
  ['1.18-r3', -1, 1, '1.18.-r2'],
  // Our own vectors for each rule the lexers disagree on:
  // leading zeros: 2 counts the extra zeros, then reads the number; 3 compares the text.
  ['1.09', -1, 1, '1.010'],
  ['1.0', 1, -1, '1.00'],
  // `-r` without digits: revision 0 for 2 (so equal to -r0), invalid for 3.
  ['1.2-r', 0, -1, '1.2-r0'],
  // a commit hash: 3 reads `~hash` before the revision; 2 finds `~` invalid, an invalid rest sorting high.
  ['1.2~abc1', 1, -1, '1.2.1'],
  // a second revision is allowed by 2 (and later than the first alone), not by 3.
  ['1.2-r1-r2', 1, -1, '1.2-r1'],
];

/** Where they agree, both must give the same answer: the common rules. */
const AGREE: Array<[string, -1 | 0 | 1, string]> = [
  ['1.1.1k-r0', 1, '1.1.1j-r0'],
  ['1.1.1a-r0', 1, '1.1.1-r1'],
  ['1.6_rc1-r0', -1, '1.6_rc2-r5'],
  ['2.0.0_rc4-r0', -1, '2.0.0-r0'],
  ['7.5_p1-r0', 1, '7.5-r0'],
  ['1.8.20_p2-r0', 1, '1.8.20_rc1-r0'],
  ['0.06-r0', -1, '0.6-r0'],
  ['16.02-r1', -1, '16.2-r1'],
  ['0', -1, '1.1.1a-r0'],
  ['1.0', 1, '1'],
  ['1.2_alpha', -1, '1.2'],
  ['1.2_beta', 1, '1.2_alpha9'],
  ['1.2_pre1', -1, '1.2_rc1'],
  ['1.2_cvs', 1, '1.2'],
  ['1.2_p1', 1, '1.2_hg9'],
];

describe('apk-tools 2 order (Alpine ≤ 3.22)', () => {
  it.each(DIFFER)('%s (apk-tools 2: %i, apk-tools 3: %i) %s', (a, two, three, b) => {
    expect(sign(v2.compare(a, b))).toBe(two);
    expect(sign(v2.compare(b, a))).toBe(-two || 0);
    expect(sign(v3.compare(a, b))).toBe(three);
  });

  it.each(AGREE)('%s (%i in both) %s', (a, expected, b) => {
    expect(sign(v2.compare(a, b))).toBe(expected);
    expect(sign(v2.compare(b, a))).toBe(-expected || 0);
    expect(sign(v3.compare(a, b))).toBe(expected);
  });

  it('validity: what 2 accepts and 3 rejects, and what neither does', () => {
    for (const v of ['6.6.2p1-r0', '1.18.-r2', '1.2-r', '1.2-r1-r2', '0.8.21.r2', '2.3a4', '.'])
      expect([v, v2.isValid(v), v3.isValid(v)]).toEqual([v, true, false]);
    for (const v of ['1.2_foo', '1.2-x1', '1.2_rcfoo', '1.2a.3', '123456789012345678'])
      expect([v, v2.isValid(v)]).toEqual([v, false]);
    expect(v2.isValid('1.2~abc')).toBe(false);
    expect(v3.isValid('1.2~abc')).toBe(true);
  });

  it('is a total order on every secdb version: reflexive, antisymmetric, and a sort agrees with each pair', () => {
    const versions = allVersions(alpineVersions());
    for (const v of versions) expect(v2.compare(v, v), v).toBe(0);
    const sorted = [...versions].sort(v2.compare);
    for (let i = 1; i < sorted.length; i++) {
      expect(sign(v2.compare(sorted[i - 1], sorted[i])), `${sorted[i - 1]} ${sorted[i]}`).toBeLessThanOrEqual(0);
      expect(sign(v2.compare(sorted[i], sorted[i - 1]))).toBeGreaterThanOrEqual(0);
    }
  });

  it('each Alpine branch is compared with its own apk-tools: 2 up to 3.22, 3 from 3.23 and on edge', () => {
    expect(schemeForNamespace('alpine:3.11')).toBe('apk2');
    expect(schemeForNamespace('Alpine:v3.22')).toBe('apk2');
    expect(schemeForNamespace('alpine:3.23')).toBe('apk');
    expect(schemeForNamespace('alpine:edge')).toBe('apk');
    expect(schemeForNamespace('wolfi')).toBe('apk');
    const installed = '1.11.23-r0';
    expect(comparatorFor(schemeForNamespace('alpine:3.8')).compare(installed, '1.11-20-r0')).toBe(-1);
    expect(comparatorFor(schemeForNamespace('alpine:3.23')).compare(installed, '1.11-20-r0')).toBe(1);
  });
});
