import { describe, expect, it } from 'vitest';
import { compare, isPrerelease, isValid } from './rubygems.js';

/** [a, expected sign of compare(a, b), b]; released gem versions (rails, nokogiri, rack, bundler, json). */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // letters make a prerelease, older than the release
  ['7.1.0.rc1', -1, '7.1.0'],
  ['7.1.0.beta1', -1, '7.1.0.rc1'],
  ['1.16.0.rc1', -1, '1.16.0'],
  ['1.0.a', -1, '1.0'],
  ['2.0.0.pre.1', -1, '2.0.0'],
  // `-` reads as `.pre.`
  ['3.0.0-beta.2', 0, '3.0.0.pre.beta.2'],
  // trailing zeros are ignored, in the release part and in the prerelease part
  ['7.0', 0, '7.0.0'],
  ['1.0.a', 0, '1.a'],
  ['1.0.a.0', 0, '1.0.a'],
  // numbers numerically, letter segments as text
  ['1.15.10', 1, '1.15.9'],
  ['2.2.33', -1, '2.10.0'],
  ['7.0.8.1', 1, '7.0.8'],
  ['3.0.0.beta10', 1, '3.0.0.beta9'],
  ['1.0.0.a10', 1, '1.0.0.a'],
];

describe('RubyGems version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('validates with Gem::Version rules', () => {
    for (const good of ['7.1.0.rc1', '1.16.0', '3.0.0-beta.2', '', ' 2.2.33 ']) expect(isValid(good), good).toBe(true);
    for (const bad of ['junk', '1..2', '1.0-', 'v1.0', '1.0_beta']) expect(isValid(bad), bad).toBe(false);
  });

  it('knows prereleases', () => {
    expect(isPrerelease('7.1.0.rc1')).toBe(true);
    expect(isPrerelease('7.1.0')).toBe(false);
  });
});
