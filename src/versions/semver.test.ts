import { describe, expect, it } from 'vitest';
import { compare, isValid, semverCoerceForCompare } from './semver.js';

/** [a, expected sign of compare(a, b), b]; npm versions from GHSA advisories and published packages. */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // GHSA npm fixed versions (semver, braces, ws, path-to-regexp, body-parser)
  ['7.5.2', -1, '7.5.10'],
  ['8.17.1', 1, '8.0.0'],
  ['0.1.10', 1, '0.1.9'],
  ['1.20.3', -1, '2.0.0'],
  // prereleases sort before their release, identifiers numerically then as text
  ['19.0.0-rc.1', -1, '19.0.0'],
  ['19.0.0-rc.1', 1, '19.0.0-beta.2'],
  ['5.0.0-beta.10', 1, '5.0.0-beta.2'],
  ['13.0.0-canary.0', -1, '13.0.0-canary.1'],
  ['1.0.0-alpha', -1, '1.0.0-alpha.1'],
  ['1.0.0-0', -1, '1.0.0-alpha'],
  // build metadata does not order
  ['1.0.0+20130313144700', 0, '1.0.0+exp.sha.5114f85'],
  // loose spellings npm accepts
  ['v4.1.12', 0, '4.1.12'],
  ['=2.6.6', 0, '2.6.6'],
  // incomplete versions (OSV events like `2.0`, `1.5`) are coerced, not rejected
  ['2.0', 0, '2.0.0'],
  ['1.5', -1, '2.1.0'],
  ['0', -1, '0.2.0'],
];

describe('SemVer (npm) version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('validates as npm does', () => {
    for (const good of ['7.8.6', 'v1.2.3', '1.0.0-rc.1+build.5', ' 2.6.6 ']) expect(isValid(good), good).toBe(true);
    for (const bad of ['2.0', '1.5', 'latest', '', '1.2.3.4']) expect(isValid(bad), bad).toBe(false);
    // loose mode tolerates leading zeros, as npm does
    expect(isValid('01.2.3')).toBe(true);
  });

  it('coerces non-strict versions for comparison, keeping prereleases', () => {
    expect(semverCoerceForCompare('2.0')?.version).toBe('2.0.0');
    expect(semverCoerceForCompare('v1.2.3-rc1+build')?.version).toBe('1.2.3-rc1');
    expect(semverCoerceForCompare('1.2-rc1')?.version).toBe('1.2.0-rc1');
    expect(semverCoerceForCompare('latest')).toBeNull();
  });

  it('still orders strings with no version in them, without throwing', () => {
    expect(compare('latest', 'latest')).toBe(0);
    expect(compare('1.0.0', 'next')).toBe(1);
  });
});
