import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeb822 } from './deb822.js';
import { readEntry } from './status.js';

const paragraphs = (name: string) =>
  parseDeb822(readFileSync(path.join(import.meta.dirname, 'testdata', name), 'utf8')).paragraphs;

describe('readEntry', () => {
  it('takes the source package and version the way dpkg-query computes them', () => {
    const entries = paragraphs('binnmu.status').map((p) => readEntry(p, true));
    expect(entries).toEqual([
      {
        entry: {
          name: 'adduser',
          version: '3.134',
          arch: 'all',
          sourceName: 'adduser',
          sourceVersion: '3.134',
          maintainer: 'Debian Adduser Developers <adduser@packages.debian.org>',
          installedSize: 686,
          status: 'install ok installed',
        },
      },
      {
        entry: expect.objectContaining({
          name: 'bash',
          version: '5.2.15-2+b13',
          sourceName: 'bash',
          sourceVersion: '5.2.15-2',
          installedSize: 7164,
        }),
      },
      {
        entry: expect.objectContaining({
          name: 'bsdutils',
          version: '1:2.38.1-5+deb12u3',
          sourceName: 'util-linux',
          sourceVersion: '2.38.1-5+deb12u3',
        }),
      },
      {
        entry: expect.objectContaining({
          name: 'gcc-12-base',
          version: '12.2.0-14+deb12u1',
          sourceName: 'gcc-12',
          sourceVersion: '12.2.0-14+deb12u1',
        }),
      },
    ]);
  });

  it('keeps packages whose files are on disk and skips the others by state', () => {
    const results = paragraphs('removed-packages.status').map((p) => [p.fields.get('package'), readEntry(p, true)]);
    const outcome = results.map(([name, r]) => [
      name,
      'entry' in (r as object) ? 'reported' : (r as { skipped: string }).skipped,
    ]);
    expect(outcome).toEqual([
      ['bash', 'reported'], // hold ok installed
      ['e2fsprogs', 'config-files'],
      ['e2fsprogs-l10n', 'not-installed'],
      ['gzip', 'half-installed'],
      ['hostname', 'reported'], // install ok unpacked
      ['sed', 'reported'], // deinstall ok installed: still on disk
      ['zlib1g', 'reported'],
    ]);
  });

  it('explains what is missing or malformed', () => {
    const one = (text: string, statusRequired = true) => readEntry(parseDeb822(text).paragraphs[0], statusRequired);
    expect(one('Version: 1\n')).toEqual({ error: 'paragraph at line 1 has no Package field' });
    expect(one('Package: a\nStatus: install ok installed\n')).toEqual({
      error: 'package a (line 1) has no Version field',
    });
    expect(one('Package: a\nStatus: installed\nVersion: 1\n')).toEqual({
      error: 'package a (line 1) has a malformed Status "installed"',
    });
    expect(one('Package: a\nVersion: 1\n')).toEqual({ error: 'package a (line 1) has no Status field' });
    expect(one('Package: a\nStatus: install ok installed\nVersion: 1\nSource: b (2\n')).toEqual({
      error: 'package a (line 1) has a malformed Source "b (2"',
    });
  });

  it('accepts a status.d entry without Status and ignores a non-numeric Installed-Size', () => {
    const result = readEntry(
      parseDeb822('Package: apt\nInstalled-Size: 4KB\nVersion: 2.6.1\nArchitecture: amd64\n').paragraphs[0],
      false,
    );
    expect(result).toEqual({
      entry: { name: 'apt', version: '2.6.1', arch: 'amd64', sourceName: 'apt', sourceVersion: '2.6.1' },
    });
  });
});
