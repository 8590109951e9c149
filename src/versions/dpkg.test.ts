import { describe, expect, it } from 'vitest';
import { compare, isValid } from './dpkg.js';
import { dpkgTruthRows } from './testdata/real-versions.js';

/** [a, expected sign of compare(a, b), b]; the strings are real Debian versions (bookworm image, tracker data). */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // epochs outrank everything after them
  ['1:2.38.1-5+deb12u3', 1, '2.38.1-5+deb12u3'],
  ['1:2.66-4+deb12u3', 1, '2.67-1'],
  ['2:6.2.1+dfsg1-1.1', 1, '1:6.2.1+dfsg1-1.1'],
  ['0:2.36-9+deb12u10', 0, '2.36-9+deb12u10'],
  // security and point-release revisions on the same upstream
  ['2.36-9+deb12u10', 1, '2.36-9+deb12u9'],
  ['2.36-9+deb12u14', 1, '2.36-9+deb12u10'],
  ['2.36-9', -1, '2.36-9+deb12u3'],
  ['1:2.66-4+deb12u3+b1', 1, '1:2.66-4+deb12u3'],
  // binNMU `+bN` sorts after its source version, numerically
  ['5.2.15-2+b13', 1, '5.2.15-2'],
  ['5.2.15-2+b13', 1, '5.2.15-2+b2'],
  ['3.4-1+b6', 1, '3.4-1+b5'],
  // `~` sorts before everything, even the end of the string
  ['1.0~rc1', -1, '1.0'],
  ['1.0~rc1', 1, '1.0~beta2'],
  ['1.0~~', -1, '1.0~'],
  ['1.46.6~rc1-1', -1, '1.46.6-1'],
  ['252.39-1~deb12u2', -1, '252.39-1'],
  ['98.0.4758.80-1~deb11u1', -1, '98.0.4758.80-1'],
  ['37~deb12u1', -1, '37'],
  ['5.7-0.5~deb12u1', 1, '5.7-0.4'],
  // letters sort before other non-digits; digits numerically, leading zeros ignored
  ['1.34+dfsg-1.2+deb12u1', 1, '1.34-1.2'],
  ['1:1.2.13.dfsg-1', 1, '1:1.2.13-1'],
  ['1.2.13a', -1, '1.2.13+'],
  ['2.5.4-1+deb12u1', -1, '2.5.10-1'],
  ['1.01', 0, '1.1'],
  ['20190114+really20220913-0+deb10u1', 1, '20190114-1'],
  ['2026b-0+deb12u1', 1, '2026a-0+deb12u1'],
  // an absent revision equals revision 0
  ['3.134', 0, '3.134-0'],
  ['2023.3+deb12u2', 1, '2023.3+deb12u1'],
  // revision split on the last hyphen
  ['4.10-1-1', 1, '4.10-1'],
];

describe('dpkg version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('accepts every installed and source version of the bookworm image', () => {
    const versions = dpkgTruthRows().flatMap((r) => [r.version, r.sourceVersion]);
    expect(versions.length).toBeGreaterThan(100);
    expect(versions.filter((v) => !isValid(v))).toEqual([]);
  });

  it('rejects what dpkg rejects', () => {
    for (const bad of ['', 'a1.0', '1.0 2', 'x:1.0', '1:', '1.0-', '1.0-a_b', '1.0_1'])
      expect(isValid(bad), bad).toBe(false);
    expect(isValid(' 1:2.38.1-5+deb12u3 ')).toBe(true);
  });
});
