/**
 * Language packages are looked up in the OSV ecosystem of their type, by the name that
 * ecosystem uses, with the installed version; OSV ranges do the rest. Never by CPE.
 */
import { PackageURL } from 'packageurl-js';
import type { Package, PackageType } from '../../sbom/model.js';
import type { Matcher } from '../matcher.js';

export function languageMatcher(type: PackageType, namespace: string, nameOf: (pkg: Package) => string = (pkg) => pkg.name): Matcher {
  return {
    name: type,
    query(pkg) {
      if (pkg.type !== type) return undefined;
      return { namespace, name: nameOf(pkg), version: pkg.version };
    },
  };
}

/**
 * `namespace<sep>name` from the package's purl (Maven `group:artifact`, Go module paths,
 * Composer `vendor/name`); the package name when the purl has no namespace or is unreadable.
 */
export function purlQualifiedName(pkg: Package, separator: string): string {
  try {
    const purl = PackageURL.fromString(pkg.purl);
    return purl.namespace ? `${purl.namespace}${separator}${purl.name}` : purl.name;
  } catch {
    return pkg.name;
  }
}
