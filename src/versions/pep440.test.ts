import { describe, expect, it } from 'vitest';
import { compare, isValid, normalize } from './pep440.js';

/** [a, expected sign of compare(a, b), b]; most strings are real versions from PyPA advisories. */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // dev < pre (a < b < rc) < release < post
  ['1.12.1.dev1152', -1, '1.12.1'],
  ['1.10.0.dev1093', -1, '1.10.0a1'],
  ['0.5.0b3.dev27', -1, '0.5.0b3'],
  ['0.2.0a3', -1, '0.2.4b1'],
  ['3.3.2rc1', -1, '3.3.2'],
  ['1.13.0rc0', -1, '1.13.0'],
  ['3.0.0rc10', 1, '3.0.0rc2'],
  ['0.8.51.post1', 1, '0.8.51'],
  ['0.0.1.post8150341330', 1, '0.0.1.post7458781898'],
  ['4.1.3.post1', -1, '4.1.4.dev0'],
  // alternative spellings normalize: `-beta5` = b5, `-rc` = rc0, `-3` = .post3, `.rc1` = rc1, `-dev` = .dev0
  ['0.5.0-beta5', 0, '0.5.0b5'],
  ['4.1-rc', 0, '4.1rc0'],
  ['0.9.3-3', 0, '0.9.3.post3'],
  ['4.0.0.rc1', 0, '4.0.0rc1'],
  ['1.1.0-alpha.1', 0, '1.1.0a1'],
  ['0.1.0-dev', 0, '0.1.0.dev0'],
  ['2.10dev2', 0, '2.10.dev2'],
  // trailing zeros do not matter, numbers compare numerically
  ['13.0.0.0b1', 0, '13.0b1'],
  ['0.0.101rc0', 1, '0.0.99'],
  ['3003rc1', 1, '3002.6'],
  // epochs outrank the release; local versions sort after their public version (PEP 440 examples)
  ['1!1.0', 1, '2024.1'],
  ['1.0+ubuntu-1', 1, '1.0'],
  ['1.0+ubuntu-1', -1, '1.0.post1'],
  ['1.0+abc.5', 1, '1.0+abc.2'],
];

describe('PEP 440 version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('normalizes alternative spellings', () => {
    expect(normalize('0.5.0-beta5')).toBe('0.5.0b5');
    expect(normalize(' 4.0.0.RC1 ')).toBe('4.0.0rc1');
    expect(normalize('0.9.3-3')).toBe('0.9.3.post3');
    expect(normalize('1.1.0-alpha.1')).toBe('1.1.0a1');
  });

  it('rejects the legacy strings pip refuses, and still orders them', () => {
    for (const legacy of ['0.1-charmander', '0.3m1', '0.7.4.svn.r2010', '2013-01-23T17:11:52+0100']) {
      expect(isValid(legacy), legacy).toBe(false);
      expect(normalize(legacy)).toBeUndefined();
    }
    expect(compare('0.3m1', '0.3m2')).toBe(-1);
    expect(compare('0.3m1', '0.3m1')).toBe(0);
  });
});
