/**
 * compare(x, x) must be 0 for every string (issue 12). PHP's canonicalization turns a
 * `-`/`.` before a `#` into a separator and leaves an empty last part (`1.0-#` → `1.0.#`,
 * `a#` → `a.#`); walking that part against nothing gave -1. These strings are the ones
 * that did, through both Composer's compare and the raw version_compare.
 */
import { describe, expect, it } from 'vitest';
import { compare } from './composer.js';
import { versionCompare } from './php-version-compare.js';

const ENDING_IN_HASH = ['1.0-#', '1.0.#', '1.0.0-beta#', '1##', 'a#', 'dev-master#', '1#', '#', '1.0.0#'];

describe('Composer version order laws', () => {
  it('compare(x, x) is 0 for versions ending in #', () => {
    for (const v of ENDING_IN_HASH) {
      expect(compare(v, v), `compare ${v}`).toBe(0);
      expect(versionCompare(v, v), `version_compare ${v}`).toBe(0);
    }
  });

  it('is antisymmetric over those strings and ordinary versions', () => {
    const all = [...ENDING_IN_HASH, '1.0.0', '1.0.1', '1.0.0-beta', '2.0'];
    for (const a of all)
      for (const b of all)
        expect(Math.sign(versionCompare(a, b)), `${a} vs ${b}`).toBe(0 - Math.sign(versionCompare(b, a)) || 0);
  });
});
