import { PackageURL } from 'packageurl-js';
import type { Package } from '../../sbom/model.js';
import { sourceMetadata, sourceQualifiers, type DependencySource } from '../common/outside-registry.js';
import type { WantedFile } from '../types.js';
import type { FoundPackage } from './spec.js';

/** The package marked as not from the registry, its purl saying where it came from where purl can. */
export function fromOutside(found: FoundPackage, source: DependencySource): FoundPackage {
  const qualifiers = sourceQualifiers(source);
  let purl = found.purl;
  if (qualifiers) {
    const p = PackageURL.fromString(found.purl);
    purl = new PackageURL(
      p.type,
      p.namespace,
      p.name,
      p.version,
      { ...p.qualifiers, ...qualifiers },
      p.subpath,
    ).toString();
  }
  return { ...found, purl, metadata: { ...found.metadata, ...sourceMetadata(source) } };
}

/**
 * The package with where it was found: `locations`, `introducedByLayer` and `foundBy`
 * right after `licenses`, every other field where the parser wrote it (the order SBOM
 * JSON has always shown).
 */
export function withProvenance(
  found: FoundPackage,
  file: WantedFile,
  introducedByLayer: string,
  foundBy: string,
): Package {
  const { nestedPath, ...fields } = found;
  const pkg: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    pkg[name] = value;
    if (name === 'licenses') {
      pkg.locations = [{ path: `${file.path}${nestedPath ?? ''}`, layerDiffId: file.layer.diffId }];
      pkg.introducedByLayer = introducedByLayer;
      pkg.foundBy = foundBy;
    }
  }
  return pkg as unknown as Package;
}
