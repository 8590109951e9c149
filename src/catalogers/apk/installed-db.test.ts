import { describe, expect, it } from 'vitest';
import { apkLicenses, parseInstalledDb } from './installed-db.js';

describe('parseInstalledDb', () => {
  it('reads fields in any order, as apko writes them (C last, empty D/p, i:[])', () => {
    // apko's order (P V A L T o m U D p c i t S I k C) with its empty D:, p: and i:[]; the
    // values are those of our Alpine 3.20 fixture (testdata/alpine-3.20.ts), sizes made up.
    const text = [
      'P:alpine-baselayout-data',
      'V:3.6.5-r0',
      'A:x86_64',
      'L:GPL-2.0-only',
      'T:Alpine base dir structure and init scripts',
      'o:alpine-baselayout',
      'm:Natanael Copa <ncopa@alpinelinux.org>',
      'U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout',
      'D:',
      'p:',
      'c:02f2a1a042b291b968ffe4ff63861f1a5c8beebf',
      'i:[]',
      't:1718526755',
      'S:12288',
      'I:86016',
      'k:0',
      'C:Q1GPnr+oxifIzuYXVrj/TovCMs0+Y=',
      'F:etc',
      'R:fstab',
      '',
    ].join('\n');
    const { entries, problems } = parseInstalledDb(text);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        name: 'alpine-baselayout-data',
        version: '3.6.5-r0',
        arch: 'x86_64',
        origin: 'alpine-baselayout',
        license: 'GPL-2.0-only',
        maintainer: 'Natanael Copa <ncopa@alpinelinux.org>',
        url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout',
        description: 'Alpine base dir structure and init scripts',
        installedSize: 86016,
        commit: '02f2a1a042b291b968ffe4ff63861f1a5c8beebf',
        buildTime: 1718526755,
      },
    ]);
  });

  it('tolerates CRLF and runs of blank lines, and reads a file without a final blank line', () => {
    const { entries, problems } = parseInstalledDb('\r\n\r\nP:musl\r\nV:1.2.5-r0\r\n\r\n\r\n\r\nP:zlib\r\nV:1.3.1-r1');
    expect(problems).toEqual([]);
    expect(entries.map((e) => `${e.name}@${e.version}`)).toEqual(['musl@1.2.5-r0', 'zlib@1.3.1-r1']);
  });

  it('refuses an entry that names a package field twice', () => {
    const { entries, problems } = parseInstalledDb('P:musl\nV:1.2.5-r0\nV:1.2.5-r1\n\nP:zlib\nV:1.3.1-r1\n');
    expect(entries.map((e) => e.name)).toEqual(['zlib']);
    expect(problems).toEqual(['entry at line 1: field V appears twice; entry skipped']);
  });

  it('reports an entry without a name', () => {
    expect(parseInstalledDb('V:1.0-r0\nA:x86_64\n').problems).toEqual([
      'entry at line 1 has no P (name) field; entry skipped',
    ]);
  });
});

describe('apkLicenses', () => {
  it('keeps expressions whole and splits the older space-separated lists', () => {
    expect(apkLicenses('GPL-2.0-or-later OR LGPL-3.0-or-later')).toEqual(['GPL-2.0-or-later OR LGPL-3.0-or-later']);
    expect(apkLicenses('GPL-2.0-only WITH Linux-syscall-note')).toEqual(['GPL-2.0-only WITH Linux-syscall-note']);
    expect(apkLicenses('(MIT OR Apache-2.0) AND BSD-3-Clause')).toEqual(['(MIT OR Apache-2.0) AND BSD-3-Clause']);
    expect(apkLicenses('GPL-2.0-or-later  LGPL-2.1-or-later')).toEqual(['GPL-2.0-or-later', 'LGPL-2.1-or-later']);
    expect(apkLicenses('curl')).toEqual(['curl']);
    expect(apkLicenses(undefined)).toEqual([]);
  });
});
