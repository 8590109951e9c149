import { describe, expect, it } from 'vitest';
import { canonical, compare, isValid, toolchainToSemver } from './go.js';
import { allVersions, goVersions } from './testdata/real-versions.js';

/** [a, expected sign of compare(a, b), b]; module and stdlib versions from the Go vulnerability database. */
const TABLE: Array<[string, -1 | 0 | 1, string]> = [
  // with or without the `v`, OSV spells them without
  ['1.2.3', 0, 'v1.2.3'],
  // OSV's `introduced: "0"` reads as v0.0.0; matching treats it as "from the start" itself
  ['0', 0, 'v0.0.0'],
  ['0', 1, '0.0.0-20160722212129-ac0cc4484ad4'],
  // pseudo-versions are prereleases ordered by their timestamp
  ['0.0.0-20160722212129-ac0cc4484ad4', -1, '0.0.0-20200131131040-063a3fb69896'],
  ['1.0.4-0.20180125103619-43913f2f4fbd', -1, '1.0.4'],
  ['1.0.4-0.20180125103619-43913f2f4fbd', 1, '1.0.3'],
  ['0.5.0-alpha.5.0.20200423152442-f4b650b51dc4', 1, '0.5.0-alpha.5'],
  ['1.0.0-rc9.0.20200122160610-2fc03cc11c77', 1, '1.0.0-rc9'],
  ['1.0.0-rc9.0.20200122160610-2fc03cc11c77', -1, '1.0.0-rc91'],
  // `+incompatible` is build metadata: ignored
  ['3.0.0+incompatible', 0, '3.0.0'],
  ['2.7.0-rc.0+incompatible', -1, '2.7.0+incompatible'],
  ['20.10.14+incompatible', 1, '3.0.1-0.20180525145409-4c9aadca8f89+incompatible'],
  // SemVer prerelease rules: numeric < alphanumeric, numbers numerically
  ['1.16.0-0', -1, '1.16.0-rc.1'],
  ['1.0.0-rc.11', 1, '1.0.0-rc.3'],
  ['1.0.0-beta.228', -1, '1.0.0-rc.0'],
  ['0.38.12-beta.1', 1, '0.38.0-beta.2'],
  // Go toolchain versions for the standard library, as the vulnerability database maps them
  ['go1.21.5', 0, '1.21.5'],
  ['go1.21rc4', 0, '1.21.0-rc.4'],
  ['go1.21rc4', -1, 'go1.21.0'],
  ['1.21.0-0', -1, 'go1.21rc1'],
  ['go1.20', 0, '1.20.0'],
  ['go1.9.2rc2', -1, 'go1.9.2'],
  ['go1.22rc1', 1, 'go1.21.13'],
  ['go1', 0, 'v1.0.0'],
  // invalid versions sort first and equal each other (golang.org/x/mod/semver)
  ['1.02.0', -1, '0.0.1'],
  ['latest', 0, '1.02.0'],
];

describe('Go version order', () => {
  it.each(TABLE)('%s %i %s', (a, expected, b) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('maps toolchain tags the way the vulnerability database does', () => {
    expect(toolchainToSemver('go1.22rc1')).toBe('v1.22.0-rc.1');
    expect(toolchainToSemver('go1.18beta2')).toBe('v1.18.0-beta.2');
    expect(toolchainToSemver('go1.21.5')).toBe('v1.21.5');
    expect(toolchainToSemver('go1.21.x')).toBeUndefined();
    expect(canonical('v1.2')).toBe('v1.2.0');
    expect(canonical('v2.0.0+incompatible')).toBe('v2.0.0');
  });

  it('reads every version in the Go vulnerability database', async () => {
    const versions = allVersions(await goVersions());
    expect(versions.length).toBeGreaterThan(2000);
    expect(versions.filter((v) => !isValid(v))).toEqual([]);
  });

  it('handles numbers beyond 2^53', () => {
    expect(compare('v1.0.0-99999999999999999998', 'v1.0.0-99999999999999999999')).toBe(-1);
    expect(compare('v99999999999999999999.0.0', 'v9.0.0')).toBe(1);
  });
});
