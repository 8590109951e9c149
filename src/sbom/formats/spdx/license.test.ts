import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyrightLicenses } from '../../../catalogers/dpkg/copyright.js';
import { EXCEPTION_IDS, LICENSE_IDS, spdxExpressionOf, spdxIdOf } from './license.js';
import { officialSpdxIds } from '../../../report/sbom/testdata/schemas.js';

describe('SPDX license mapping', () => {
  it('knows only ids that are on the official SPDX list', () => {
    const official = officialSpdxIds();
    for (const id of [...LICENSE_IDS, ...EXCEPTION_IDS]) expect(official.has(id), id).toBe(true);
  });

  it('maps Debian DEP-5 short names to SPDX ids', () => {
    const cases: [string, string | undefined][] = [
      ['GPL-2', 'GPL-2.0-only'],
      ['GPL-2+', 'GPL-2.0-or-later'],
      ['GPL-3.0+', 'GPL-3.0-or-later'],
      ['LGPL-2.1+', 'LGPL-2.1-or-later'],
      ['LGPL-2', 'LGPL-2.0-only'],
      ['AGPL-3+', 'AGPL-3.0-or-later'],
      ['GFDL-1.3+', 'GFDL-1.3-or-later'],
      ['Expat', 'MIT'],
      ['Artistic', 'Artistic-1.0-Perl'],
      ['Apache-2', 'Apache-2.0'],
      ['BSD-3-clause', 'BSD-3-Clause'],
      ['zlib', 'Zlib'],
      ['public-domain', undefined],
      ['GPL', undefined],
      ['LGPL-4+', undefined],
      ['MIT-like', undefined],
    ];
    for (const [name, id] of cases) expect(spdxIdOf(name), name).toBe(id);
  });

  it('builds expressions from Debian and Alpine license fields, or gives up', () => {
    expect(spdxExpressionOf('GPL-1+ or Artistic')).toBe('GPL-1.0-or-later OR Artistic-1.0-Perl');
    expect(spdxExpressionOf('MPL-2.0 AND MIT')).toBe('MPL-2.0 AND MIT');
    expect(spdxExpressionOf('GPL-2.0-only WITH Linux-syscall-note')).toBe('GPL-2.0-only WITH Linux-syscall-note');
    expect(spdxExpressionOf('GPL-3+ with Bison exception')).toBeUndefined();
    expect(spdxExpressionOf('BSD-4-clause-UC and MIT-like')).toBeUndefined();
    expect(spdxExpressionOf('(MIT OR Apache-2.0)')).toBeUndefined();
    expect(spdxExpressionOf('MIT OR')).toBeUndefined();
  });

  it('maps the licenses of the real bash copyright file where certain', () => {
    const text = readFileSync(
      path.resolve(import.meta.dirname, '../../../catalogers/dpkg/testdata/copyright/bash'),
      'utf8',
    );
    const mapped = Object.fromEntries(copyrightLicenses(text).map((l) => [l, spdxExpressionOf(l) ?? null]));
    expect(mapped).toEqual({
      'GPL-3+': 'GPL-3.0-or-later',
      'GPL-3+ with Bison exception': null,
      'GPL-2+': 'GPL-2.0-or-later',
      'GFDL-NIV-1.3': null,
      Latex2e: 'Latex2e',
      'BSD-4-clause-UC and MIT-like': null,
      'BSD-4-clause-UC': 'BSD-4-Clause-UC',
      'MIT-like': null,
      permissive: null,
    });
  });
});
