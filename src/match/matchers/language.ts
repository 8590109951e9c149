/**
 * Language packages are looked up in the OSV ecosystem of their type, by the name that
 * ecosystem uses, with the installed version; OSV ranges do the rest. Never by CPE.
 * One matcher per language row of the ecosystem table, each a line of data there.
 */
import { PackageURL } from 'packageurl-js';
import { LANGUAGE_ECOSYSTEMS, type Ecosystem, type OsvNameRule } from '../../ecosystems/table.js';
import { normalizePypiName } from '../../feeds/osv/ecosystem.js';
import type { Package, PackageType } from '../../sbom/model.js';
import type { Matcher } from '../matcher.js';

const NAME_RULES: Record<OsvNameRule, (pkg: Package) => string> = {
  // npm names are the registry's, scope included (`@babel/core`).
  'as-is': (pkg) => pkg.name,
  // PyPI names compare PEP 503-normalized (`PyYAML` = `pyyaml`, `zope.interface` = `zope-interface`), as the importer stores them.
  pep503: (pkg) => normalizePypiName(pkg.name),
  // Packagist names are `vendor/package`.
  'purl-slash': (pkg) => purlQualifiedName(pkg, '/'),
  // OSV names Maven packages `groupId:artifactId`.
  'purl-colon': (pkg) => purlQualifiedName(pkg, ':'),
  // Go modules by full module path (`golang.org/x/net`); the standard library is the `stdlib` module at the toolchain version.
  'go-module': (pkg) => (pkg.name === 'stdlib' ? 'stdlib' : purlQualifiedName(pkg, '/')),
};

export function languageMatcher(
  type: PackageType,
  namespace: string,
  nameOf: (pkg: Package) => string = (pkg) => pkg.name,
): Matcher {
  return {
    name: type,
    query(pkg) {
      if (pkg.type !== type) return undefined;
      return { namespace, name: nameOf(pkg), version: pkg.version };
    },
  };
}

/** The matcher a language row of the ecosystem table describes. */
export function matcherFor(ecosystem: Ecosystem): Matcher {
  return languageMatcher(ecosystem.type as PackageType, ecosystem.osv!, NAME_RULES[ecosystem.osvName ?? 'as-is']);
}

/** Every language ecosystem's matcher, in table order. */
export const languageMatchers: Matcher[] = LANGUAGE_ECOSYSTEMS.map(matcherFor);

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
