/**
 * airlock's own `sbom --format json` read back. It is untrusted input like any other
 * file, so the fields matching relies on are checked before it is used.
 */
import { PACKAGE_TYPES } from '../../../ecosystems/table.js';
import { InputError } from '../../../errors.js';
import type { Sbom } from '../../model.js';
import { asArray, asObject, asString, type Json } from '../json.js';

const TYPES = new Set<string>(PACKAGE_TYPES);

export function readNativeSbom(doc: Json, file: string, source: string): Sbom {
  const image = asObject(doc.image);
  if (!image || !Array.isArray(image.layers) || !Array.isArray(image.names))
    throw new InputError(file, 'airlock SBOM JSON has no image object with names and layers');
  asArray(doc.packages).forEach((raw, i) => {
    const p = asObject(raw);
    const bad = !p
      ? 'is not an object'
      : !TYPES.has(p.type as string)
        ? `has unknown type ${JSON.stringify(p.type)}`
        : ['name', 'version', 'purl'].find((k) => !asString(p[k]));
    if (bad) throw new InputError(file, `packages[${i}] ${bad.includes(' ') ? bad : `has no ${bad}`}`);
    if (!Array.isArray(p!.locations) || !Array.isArray(p!.licenses))
      throw new InputError(file, `packages[${i}] has no locations/licenses lists`);
  });
  const sbom = doc as unknown as Sbom;
  return {
    ...sbom,
    image: { ...sbom.image, source },
    warnings: asArray(doc.warnings) as Sbom['warnings'],
    catalogers: (asObject(doc.catalogers) ?? {}) as Sbom['catalogers'],
  };
}
