import { describe, expect, it } from 'vitest';
import { compareApkVersions, earliestApkVersion } from './apk-version-order.js';

// Every pair is two fix versions ../shared/feeds/alpine-secdb lists for one package.
describe('apk version order', () => {
  it.each([
    ['4.8.7-r0', '4.8.11-r0'], // samba: numeric, not lexical
    ['3.99.5-r6', '3.100-r0'], // lame
    ['9.26-r1', '9.26-r2'], // ghostscript: revision
    ['1.6_rc2-r5', '1.6_rc2-r6'], // heimdal
    ['1.6_rc1-r0', '1.6_rc2-r5'],
    ['1.0.0_rc7', '1.0.0_rc9'], // runc
    ['1.8.20_p2-r0', '1.8.28-r0'], // sudo: a patch release below the next version
  ])('%s < %s', (older, newer) => {
    expect(compareApkVersions(older, newer)).toBeLessThan(0);
    expect(compareApkVersions(newer, older)).toBeGreaterThan(0);
    expect(compareApkVersions(older, older)).toBe(0);
  });

  it('puts a pre-release below and a patch release above the plain version (apk-tools rules)', () => {
    expect(compareApkVersions('1.0.0_rc9', '1.0.0')).toBeLessThan(0);
    expect(compareApkVersions('1.8.20_p2-r0', '1.8.20-r0')).toBeGreaterThan(0);
  });

  it('picks the earliest fix', () => {
    expect(earliestApkVersion(['4.8.11-r0', '4.8.7-r0'])).toBe('4.8.7-r0');
    expect(earliestApkVersion(['2.7-r0', '2.6-r7'])).toBe('2.6-r7');
  });
});
