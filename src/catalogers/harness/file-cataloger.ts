/**
 * The generic cataloger: a cataloger of files that each list packages (a deps.json, an
 * installed.json, a gemspec, a dist-info METADATA) is a declaration — which paths, a pure
 * parser, how an entry becomes a package — and this harness owns the rest: the loop over
 * wanted files, a warning tied to the path when a file cannot be read (the other files
 * still count), the layer that introduced each package, `locations` and `foundBy`.
 * (syft's generic cataloger is the model.)
 */
import { PackageURL } from 'packageurl-js';
import type { Package, PackageType, Warning } from '../../sbom/model.js';
import { layerIntroducer } from '../common/introduced-by.js';
import {
  sourceMetadata,
  sourceQualifiers,
  unassessedWarning,
  type DependencySource,
  type Registry,
} from '../common/outside-registry.js';
import type { Cataloger, WantedFile } from '../types.js';

/**
 * Thrown by a parser whose message is the whole warning (`gemspec has no version; skipped`);
 * any other error becomes `<fileKind> could not be read: <message>`.
 */
export class FileProblem extends Error {}

/** What a parser says about one package; the harness adds where it was found. */
export interface FoundPackage {
  type: PackageType;
  name: string;
  version: string;
  purl: string;
  licenses: string[];
  metadata?: Package['metadata'];
}

export interface FileCatalogerSpec<E> {
  /** Stable name, stored in snapshots and written as each package's `foundBy`. */
  name: string;
  /** Bumped whenever the output for the same input could change. */
  version: number;
  maxFileBytes: number;
  wants(path: string): boolean;
  /** What the file is, for warnings: `.NET deps.json`. */
  fileKind: string;
  /** Pure: the entries one file lists. Throwing skips the file with a warning on its path. */
  parse(content: string, path: string): E[];
  /** An entry's identity across layers (name@version): the layer that introduced it is the first to list it unchanged. */
  key(entry: E): string;
  /**
   * Pure: the entry as a package. Throwing (a purl that cannot be written) skips the entry
   * with a warning on the path; `problem` words it.
   */
  toPackage(entry: E, file: WantedFile): FoundPackage;
  problem(entry: E, cause: Error): string;
  /**
   * Entries that did not come from the ecosystem's registry (common/outside-registry.ts):
   * the harness marks each such package so it is not matched, adds the purl qualifier
   * that says where it came from, and names them in one warning on the file.
   */
  outsideRegistry?: OutsideRegistrySpec<E>;
}

export interface OutsideRegistrySpec<E> {
  registry: Registry;
  /**
   * Files beside the listed ones that say where a package came from (a wheel's
   * `direct_url.json`): wanted, handed to `sourceOf`, never parsed as package lists.
   */
  companions?(path: string): boolean;
  /** Pure: where the entry came from, or undefined for the registry. */
  sourceOf(
    entry: E,
    file: WantedFile,
    companion: (path: string) => WantedFile | undefined,
  ): DependencySource | undefined;
}

export function fileCataloger<E>(spec: FileCatalogerSpec<E>): Cataloger {
  return {
    name: spec.name,
    version: spec.version,
    maxFileBytes: spec.maxFileBytes,
    wants: spec.outsideRegistry?.companions
      ? (path) => spec.wants(path) || spec.outsideRegistry!.companions!(path)
      : spec.wants,
    catalog(ctx) {
      const warnings: Warning[] = [];
      const packages: Package[] = [];
      const companion = companionLookup(ctx.files, spec.outsideRegistry);
      for (const file of ctx.files) {
        if (!spec.wants(file.path)) continue;
        let entries: E[];
        try {
          entries = spec.parse(file.content.toString('utf8'), file.path);
        } catch (err) {
          warnings.push({
            path: file.path,
            message:
              err instanceof FileProblem
                ? err.message
                : `${spec.fileKind} could not be read: ${(err as Error).message}`,
          });
          continue;
        }
        const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
          try {
            return new Set(spec.parse(content.toString('utf8'), file.path).map(spec.key));
          } catch {
            return new Set();
          }
        });
        const unassessed: { name: string; source: DependencySource }[] = [];
        for (const entry of entries) {
          let found: FoundPackage;
          try {
            found = spec.toPackage(entry, file);
          } catch (err) {
            warnings.push({ path: file.path, message: spec.problem(entry, err as Error) });
            continue;
          }
          const source = spec.outsideRegistry?.sourceOf(entry, file, companion);
          if (source) {
            found = fromOutside(found, source);
            unassessed.push({ name: found.name, source });
          }
          packages.push(withProvenance(found, file, introducedBy(spec.key(entry)).diffId, spec.name));
        }
        if (unassessed.length > 0)
          warnings.push({ path: file.path, message: unassessedWarning(spec.outsideRegistry!.registry, unassessed) });
      }
      return { packages, warnings };
    },
  };
}

/** The companion files by path; a lookup that finds nothing when the spec has none. */
function companionLookup<E>(
  files: WantedFile[],
  outside: OutsideRegistrySpec<E> | undefined,
): (path: string) => WantedFile | undefined {
  if (!outside?.companions) return () => undefined;
  const byPath = new Map(files.filter((f) => outside.companions!(f.path)).map((f) => [f.path, f]));
  return (path) => byPath.get(path);
}

/** The package marked as not from the registry, its purl saying where it came from where purl can. */
function fromOutside(found: FoundPackage, source: DependencySource): FoundPackage {
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

/** The package with where it was found, its fields in the order SBOM JSON has always written them. */
function withProvenance(found: FoundPackage, file: WantedFile, introducedByLayer: string, foundBy: string): Package {
  const pkg: Package = {
    type: found.type,
    name: found.name,
    version: found.version,
    purl: found.purl,
    licenses: found.licenses,
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    introducedByLayer,
    foundBy,
  };
  if (found.metadata) pkg.metadata = found.metadata;
  return pkg;
}
