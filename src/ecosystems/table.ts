/**
 * Every package ecosystem airlock knows, one row each: what the SBOM calls it (Docker
 * Scout's type names), the purl types that mean it, the OSV ecosystem its advisories are
 * filed under, its version scheme and how its names are spelled there. The SBOM model,
 * the SBOM readers, the `--only-package-type` filter, `feeds fetch`, the version schemes
 * and the language matchers are all read from this table, so adding an ecosystem is one
 * row here plus the cataloger folder that finds its packages.
 *
 * This module imports nothing: it sits below every folder that uses it.
 */

/** How a language package's name is spelled in its OSV ecosystem (match/matchers/language.ts applies it). */
export type OsvNameRule =
  /** The package name as the cataloger wrote it. */
  | 'as-is'
  /** PEP 503-normalized (`PyYAML` = `pyyaml`). */
  | 'pep503'
  /** purl namespace and name joined with `/` (Composer `vendor/name`). */
  | 'purl-slash'
  /** purl namespace and name joined with `:` (Maven `group:artifact`). */
  | 'purl-colon'
  /** Go module path from the purl; the toolchain is the `stdlib` module. */
  | 'go-module';

export interface Ecosystem {
  /** The SBOM's package type (Docker Scout's name). */
  readonly type: string;
  /** purl types read as this ecosystem; the first is the one airlock writes. */
  readonly purlTypes: readonly string[];
  /** OS package ecosystems are matched by distro matchers; language ones by their OSV ecosystem. */
  readonly kind: 'os' | 'language';
  /** OSV ecosystem name (language ecosystems): the namespace its advisories live in and the `feeds fetch` download. */
  readonly osv?: string;
  /** Version scheme of the OSV ecosystem (versions/index.ts). */
  readonly scheme?: string;
  /** How names are spelled in the OSV ecosystem. */
  readonly osvName?: OsvNameRule;
  /** How the purl namespace joins the name as airlock's catalogers write it (sbom/parse/purl.ts). */
  readonly purlName?: 'name' | 'slash' | 'maven';
}

export const ECOSYSTEMS = [
  { type: 'deb', purlTypes: ['deb'], kind: 'os' },
  { type: 'apk', purlTypes: ['apk', 'alpine'], kind: 'os' },
  { type: 'rpm', purlTypes: ['rpm'], kind: 'os' },
  {
    type: 'npm',
    purlTypes: ['npm'],
    kind: 'language',
    osv: 'npm',
    scheme: 'semver',
    osvName: 'as-is',
    purlName: 'slash',
  },
  { type: 'pypi', purlTypes: ['pypi'], kind: 'language', osv: 'PyPI', scheme: 'pep440', osvName: 'pep503' },
  {
    type: 'maven',
    purlTypes: ['maven'],
    kind: 'language',
    osv: 'Maven',
    scheme: 'maven',
    osvName: 'purl-colon',
    purlName: 'maven',
  },
  {
    type: 'golang',
    purlTypes: ['golang'],
    kind: 'language',
    osv: 'Go',
    scheme: 'go',
    osvName: 'go-module',
    purlName: 'slash',
  },
  { type: 'cargo', purlTypes: ['cargo'], kind: 'language', osv: 'crates.io', scheme: 'semver', osvName: 'as-is' },
  { type: 'gem', purlTypes: ['gem'], kind: 'language', osv: 'RubyGems', scheme: 'rubygems', osvName: 'as-is' },
  {
    type: 'composer',
    purlTypes: ['composer'],
    kind: 'language',
    osv: 'Packagist',
    scheme: 'composer',
    osvName: 'purl-slash',
    purlName: 'slash',
  },
  { type: 'nuget', purlTypes: ['nuget'], kind: 'language', osv: 'NuGet', scheme: 'nuget', osvName: 'as-is' },
  { type: 'pub', purlTypes: ['pub'], kind: 'language', osv: 'Pub', scheme: 'semver', osvName: 'as-is' },
] as const satisfies readonly Ecosystem[];

/** Docker Scout-style package types, in table order. */
export type PackageType = (typeof ECOSYSTEMS)[number]['type'];

export const PACKAGE_TYPES: readonly PackageType[] = ECOSYSTEMS.map((e) => e.type);

/** The row of a package type. */
export function ecosystemOf(type: PackageType): Ecosystem {
  return ECOSYSTEMS.find((e) => e.type === type)!;
}

/** purl type → package type, for every purl type the table names. */
export const PACKAGE_TYPE_BY_PURL: ReadonlyMap<string, PackageType> = new Map(
  ECOSYSTEMS.flatMap((e) => e.purlTypes.map((p) => [p, e.type] as const)),
);

/** The language ecosystems, in table order (the order their matchers are tried). */
export const LANGUAGE_ECOSYSTEMS: readonly Ecosystem[] = ECOSYSTEMS.filter((e) => e.kind === 'language');
