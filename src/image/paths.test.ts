import { describe, expect, it } from 'vitest';
import { normalizeEntryName, resolveLinkTarget } from './paths.js';

/** The reference: split, drop empty and `.` segments, refuse `..`. */
function slowNormalize(name: string): string | undefined {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/');
}

describe('tar entry names', () => {
  it('normalizes the names docker, skopeo and umoci write, and refuses escapes', () => {
    const cases: [string, string | undefined][] = [
      ['usr/lib/os-release', 'usr/lib/os-release'],
      ['./usr/lib/os-release', 'usr/lib/os-release'],
      ['./usr/', 'usr'],
      ['/etc/passwd', 'etc/passwd'],
      ['./', ''],
      ['.', ''],
      ['a//b/./c/', 'a/b/c'],
      ['../etc/passwd', undefined],
      ['a/../../etc', undefined],
      ['a/..', undefined],
      ['./..', undefined],
      ['.wh..wh..opq', '.wh..wh..opq'],
      ['etc/.wh.hosts', 'etc/.wh.hosts'],
      ['..hidden/x', '..hidden/x'],
      ['x/.../y', 'x/.../y'],
    ];
    for (const [name, expected] of cases) expect(normalizeEntryName(name), name).toBe(expected);
  });

  it('agrees with the plain split-and-join on every combination of tricky segments', () => {
    const segments = ['', '.', '..', 'a', '.a', '..a', 'a.', '...', '.wh.x'];
    let checked = 0;
    for (const a of segments)
      for (const b of segments)
        for (const c of segments) {
          for (const name of [`${a}/${b}/${c}`, `./${a}/${b}`, `/${a}/${b}/`, `${a}/${b}`]) {
            expect(normalizeEntryName(name), name).toBe(slowNormalize(name));
            checked++;
          }
        }
    expect(checked).toBe(9 * 9 * 9 * 4);
  });

  it('resolves link targets inside the image root', () => {
    expect(resolveLinkTarget('etc/os-release', '../usr/lib/os-release')).toBe('usr/lib/os-release');
    expect(resolveLinkTarget('etc/x', '/etc/passwd')).toBe('etc/passwd');
    expect(resolveLinkTarget('etc/x', '../../../../etc/passwd')).toBe('etc/passwd');
  });
});
