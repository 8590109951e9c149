import { describe, expect, it } from 'vitest';
import { alpineAdvisories } from './convert.js';

/** A branch document whose one package lists `versions` as fixes of one CVE (versions are real secdb ones). */
function fixOf(versions: string[]): string | undefined {
  const secfixes = Object.fromEntries(versions.map((v) => [v, ['CVE-2021-0001']]));
  const doc = { distroversion: 'v3.20', reponame: 'main', packages: [{ pkg: { name: 'p', secfixes } }] };
  return alpineAdvisories(doc, 'main.json', { warn: () => undefined }, 'alpine-secdb')[0].affected[0].fixedVersion;
}

describe('the fixed version of a CVE listed under several versions is the earliest in apk order', () => {
  it.each([
    [['4.8.11-r0', '4.8.7-r0'], '4.8.7-r0'], // samba: numeric, not lexical
    [['3.100-r0', '3.99.5-r6'], '3.99.5-r6'], // lame
    [['1.6_rc2-r6', '1.6_rc2-r5'], '1.6_rc2-r5'], // heimdal: revision
    [['1.0.0', '1.0.0_rc9'], '1.0.0_rc9'], // runc: a pre-release below the release
    [['1.8.28-r0', '1.8.20_p2-r0'], '1.8.20_p2-r0'], // sudo: a patch release below the next version
    // apk-tools reads a leading zero as a decimal fraction: 18.09 is below 18.2 (docker).
    [['18.2-r0', '18.09.8'], '18.09.8'],
    // A secdb typo (`4.10-1-r1`, samba) is not valid apk; apk-tools' order still puts 4.7.0-r0 first, where a text fallback put the typo first.
    [['4.10-1-r1', '4.7.0-r0'], '4.7.0-r0'],
  ])('%j → %s', (versions, earliest) => {
    expect(fixOf(versions)).toBe(earliest);
  });
});
