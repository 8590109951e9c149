import { describe, expect, it } from 'vitest';
import { comparatorFor, schemeForNamespace, type VersionScheme } from './index.js';

describe('schemeForNamespace', () => {
  it.each([
    ['debian:bookworm', 'dpkg'],
    ['ubuntu:22.04', 'dpkg'],
    // OSV ecosystem spellings from the Ubuntu OSV records in ../shared/feeds
    ['Ubuntu:Pro:16.04:LTS', 'dpkg'],
    ['Ubuntu:22.04:LTS', 'dpkg'],
    ['Debian:12', 'dpkg'],
    // Alpine up to 3.22 was written by apk-tools 2 (versions/apk2.ts), from 3.23 by apk-tools 3.
    ['alpine:3.20', 'apk2'],
    ['Alpine:v3.20', 'apk2'],
    ['alpine:3.23', 'apk'],
    ['redhat:9', 'rpm'],
    ['npm', 'semver'],
    ['PyPI', 'pep440'],
    ['Maven', 'maven'],
    ['Go', 'go'],
    ['crates.io', 'semver'],
    ['RubyGems', 'rubygems'],
    ['NuGet', 'nuget'],
    ['Packagist', 'composer'],
    ['Hackage', 'generic'],
    ['constructor', 'generic'],
  ] as Array<[string, VersionScheme]>)('%s → %s', (namespace, scheme) => {
    expect(schemeForNamespace(namespace)).toBe(scheme);
  });

  it('uses SemVer for OSV SEMVER ranges, except Go which has its own SemVer reader', () => {
    expect(schemeForNamespace('PyPI', 'SEMVER')).toBe('semver');
    expect(schemeForNamespace('npm', 'SEMVER')).toBe('semver');
    expect(schemeForNamespace('Go', 'SEMVER')).toBe('go');
    expect(schemeForNamespace('PyPI', 'ECOSYSTEM')).toBe('pep440');
  });
});

describe('comparatorFor', () => {
  /** The same pair orders differently per scheme: that is why the registry exists. */
  it('picks the scheme-specific order', () => {
    expect(comparatorFor('dpkg').compare('1.0~rc1', '1.0')).toBe(-1);
    expect(comparatorFor('maven').compare('1.0-sp1', '1.0')).toBe(1);
    expect(comparatorFor('pep440').compare('1.0.post1', '1.0')).toBe(1);
    expect(comparatorFor('go').compare('go1.22rc1', 'go1.22.0')).toBe(-1);
    expect(comparatorFor('apk').compare('1.1.1a-r0', '1.1.1-r1')).toBe(1);
    expect(comparatorFor('rpm').compare('1:1.0-1', '2.0-1')).toBe(1);
    expect(comparatorFor('semver').compare('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(comparatorFor('rubygems').compare('1.0.a', '1.0')).toBe(-1);
    expect(comparatorFor('nuget').compare('1.0.0-RC.1', '1.0.0-rc.1')).toBe(0);
    expect(comparatorFor('composer').compare('1.0.0-pl1', '1.0.0')).toBe(1);
    expect(comparatorFor('generic').compare('1.1.1w', '1.1.1k')).toBe(1);
    expect(comparatorFor('dpkg').scheme).toBe('dpkg');
  });

  it('validates per scheme', () => {
    expect(comparatorFor('dpkg').isValid('1:2.38.1-5+deb12u3')).toBe(true);
    expect(comparatorFor('apk').isValid('1:2.38.1-5+deb12u3')).toBe(false);
    expect(comparatorFor('pep440').isValid('0.1-charmander')).toBe(false);
  });
});
