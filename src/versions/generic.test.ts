import { describe, expect, it } from 'vitest';
import { compare, isValid } from './generic.js';

/** [a, expected sign of compare(a, b), b]; upstream versions as NVD CPE ranges and binaries report them. */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  ['1.1.1w', 1, '1.1.1k'],
  ['1.1.1', -1, '1.1.1a'],
  ['8.4.0', 1, '8.3'],
  ['2.39.2', -1, '2.40'],
  ['v1.2.3', 0, '1.2.3'],
  ['1.0rc1', -1, '1.0'],
  ['1.0', -1, '1.0.1'],
  ['9.0.0_p1', 1, '9.0.0'],
  ['1.0a1', -1, '1.0'],
  ['1.0beta2', 1, '1.0alpha3'],
  ['2.0.0-rc.1', -1, '2.0.0'],
  ['2.0.0-rc.1', 1, '2.0.0-dev'],
  ['2.4.57', 1, '2.4.9'],
  ['1.2.3', 0, '1_2_3'],
  ['R2', 1, 'R1'],
];

describe('generic version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('needs a number to call something a version', () => {
    expect(isValid('1.1.1w')).toBe(true);
    expect(isValid('latest')).toBe(false);
  });
});
