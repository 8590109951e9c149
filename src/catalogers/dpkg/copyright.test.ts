import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyrightLicenses, isMachineReadable } from './copyright.js';

const copyright = (pkg: string) => readFileSync(path.join(import.meta.dirname, 'testdata', 'copyright', pkg), 'utf8');

describe('copyrightLicenses', () => {
  it('collects each distinct License short name of a DEP-5 file in order of appearance', () => {
    expect(copyrightLicenses(copyright('bash'))).toEqual([
      'GPL-3+',
      'GPL-3+ with Bison exception',
      'GPL-2+',
      'GFDL-NIV-1.3',
      'Latex2e',
      'BSD-4-clause-UC and MIT-like',
      'BSD-4-clause-UC',
      'MIT-like',
      'permissive',
    ]);
  });

  it('accepts the older http:// Format URI', () => {
    const text = copyright('zlib1g');
    expect(text.startsWith('Format: http://www.debian.org/doc/packaging-manuals/copyright-format/1.0/')).toBe(true);
    expect(copyrightLicenses(text)).toEqual(['Zlib']);
  });

  it('yields nothing for a free-form copyright file', () => {
    const text = copyright('base-files');
    expect(isMachineReadable(text)).toBe(false);
    expect(copyrightLicenses(text)).toEqual([]);
  });

  it('only trusts a Format field in the header paragraph', () => {
    const text =
      'This is free-form.\n\nFormat: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nLicense: MIT\n';
    expect(copyrightLicenses(text)).toEqual([]);
  });

  it('tolerates CRLF line ends', () => {
    expect(copyrightLicenses(copyright('zlib1g').replace(/\n/g, '\r\n'))).toEqual(['Zlib']);
  });

  it('stays linear on a hostile line of blanks', () => {
    const header = 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n';
    const started = Date.now();
    expect(copyrightLicenses(`${header}License: MIT${' '.repeat(200_000)}x\n`)).toEqual([`MIT x`]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
