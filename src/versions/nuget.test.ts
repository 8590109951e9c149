import { describe, expect, it } from 'vitest';
import { compare, isValid } from './nuget.js';

/** [a, expected sign of compare(a, b), b]; NuGet package versions (Newtonsoft.Json, System.Text.Json, EF Core, log4net). */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // up to four parts, missing ones are zero, leading zeros do not count
  ['13.0.1', 0, '13.0.1.0'],
  ['2.0.8.0', -1, '2.0.10'],
  ['1.01', 0, '1.1'],
  ['4.0.30319.1', 1, '4.0.30319'],
  // prereleases before the release; labels compare case-insensitively
  ['8.0.0-rc.2.23479.6', -1, '8.0.0'],
  ['8.0.0-preview.7.23375.6', -1, '8.0.0-rc.1.23419.4'],
  ['8.0.0-RC.1.23419.4', 0, '8.0.0-rc.1.23419.4'],
  ['1.0.0-beta', -1, '1.0.0-beta.2'],
  ['1.0.0-beta.11', 1, '1.0.0-beta.2'],
  ['1.0.0-2', -1, '1.0.0-alpha'],
  // metadata is ignored
  ['6.0.0+abc123', 0, '6.0.0'],
  ['6.0.0-preview.1+build.5', 0, '6.0.0-PREVIEW.1'],
];

describe('NuGet version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('validates NuGet versions', () => {
    for (const good of ['13.0.1', '4.0.30319.1', '8.0.0-rc.2.23479.6', '1', '6.0.0+abc'])
      expect(isValid(good), good).toBe(true);
    for (const bad of ['1.2.3.4.5', 'v1.0', '1.0.0-', '1.0.0-beta..1', '3000000000.0', ''])
      expect(isValid(bad), bad).toBe(false);
  });

  it('puts unparseable strings first instead of throwing', () => {
    expect(compare('not-a-version', '0.0.1')).toBe(-1);
  });
});
