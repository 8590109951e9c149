/**
 * Python package versions (PEP 440): epochs, pre/post/dev releases, local versions, and
 * the spellings PEP 440 normalizes (`1.0RC1` = `1.0rc1`, `1.0-1` = `1.0.post1`, `v1.0`).
 * The order is @renovatebot/pep440's, a port of pypa/packaging.
 */
import * as pep440 from '@renovatebot/pep440';
import { compare as compareGeneric } from './generic.js';

export function compare(a: string, b: string): number {
  const va = a.trim();
  const vb = b.trim();
  if (isValid(va) && isValid(vb)) return Math.sign(pep440.compare(va, vb));
  // Legacy, non-PEP 440 strings (old PyPI uploads) still need a stable order; pip itself refuses them.
  return compareGeneric(va, vb);
}

export function isValid(version: string): boolean {
  return pep440.valid(version.trim()) !== null;
}

/** The normalized form (`1.0-RC1` → `1.0rc1`), or undefined for a string that is not PEP 440. */
export function normalize(version: string): string | undefined {
  return pep440.clean(version.trim()) ?? undefined;
}
