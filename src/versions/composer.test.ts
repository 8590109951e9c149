import { describe, expect, it } from 'vitest';
import { compare, isValid, normalize } from './composer.js';
import { versionCompare } from './php-version-compare.js';

/** [a, expected sign of compare(a, b), b]; Packagist versions (symfony, laravel, guzzle, phpunit, twig). */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  ['v6.4.3', 0, '6.4.3'],
  ['v6.4.3', 1, 'v6.4.2'],
  ['7.8.1', 1, '7.8'],
  ['10.0', 0, '10.0.0.0'],
  // stability order dev < alpha < beta < RC < stable < patch
  ['11.0.0-dev', -1, '11.0.0-alpha1'],
  ['3.0.0-alpha3', -1, '3.0.0-beta1'],
  ['3.0.0-beta2', -1, '3.0.0-RC1'],
  ['3.0.0-RC1', -1, '3.0.0'],
  ['1.0.0-pl1', 1, '1.0.0'],
  ['1.0.0-p2', 1, '1.0.0-patch1'],
  ['2.0.0-b1', 0, '2.0.0-beta1'],
  ['2.0.0-a1', 0, '2.0.0-alpha1'],
  ['3.0.0-rc2', 0, '3.0.0-RC2'],
  ['2.0.0-beta.2', 1, '2.0.0-beta1'],
  // build metadata and stability flags are stripped
  ['1.2.3+build.5', 0, '1.2.3'],
  ['1.2.3@beta', 0, '1.2.3'],
  // branches: numeric ones are the top of their line, named ones have no order and sort first
  ['2.x-dev', 1, '2.99.99'],
  ['2.x-dev', -1, '3.0.0-alpha1'],
  ['dev-main', -1, '0.0.1'],
  ['dev-main', 0, 'dev-main'],
];

describe('Composer version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('normalizes like Composer VersionParser', () => {
    expect(normalize('v6.4.3')).toBe('6.4.3.0');
    expect(normalize('1.0-beta2')).toBe('1.0.0.0-beta2');
    expect(normalize('1.0pl1')).toBe('1.0.0.0-patch1');
    expect(normalize('3.0.0-rc.2')).toBe('3.0.0.0-RC2');
    expect(normalize('2.x-dev')).toBe('2.9999999.9999999.9999999-dev');
    expect(normalize('master')).toBe('dev-master');
    expect(normalize('2010-01-02')).toBe('2010.01.02');
    expect(normalize('1.0.0-stable')).toBe('1.0.0.0');
    expect(normalize('1.0 as 2.0')).toBe('1.0.0.0');
  });

  it('rejects what Composer rejects', () => {
    for (const bad of ['', 'foo', '1.0.0-gamma', '1.2.3.4.5', 'feature-x-dev']) expect(isValid(bad), bad).toBe(false);
  });

  it('implements PHP version_compare on raw strings', () => {
    expect(versionCompare('1.0rc1', '1.0')).toBe(-1);
    expect(versionCompare('1.0', '1.0.0')).toBe(-1);
    expect(versionCompare('1.0-dev', '1.0alpha')).toBe(-1);
    // a patch level ranks above a number in the same place
    expect(versionCompare('1.0pl1', '1.0.1')).toBe(1);
    expect(versionCompare('1.0.0', '1.0.0')).toBe(0);
    expect(versionCompare('5.2', '5.10')).toBe(-1);
  });
});
