import type { Package, PackageType } from '../../sbom/model.js';
import type { DependencySource, Registry } from '../common/outside-registry.js';
import type { CatalogContext, CatalogResult, FileVersion, StreamedFile, WantedFile } from '../types.js';

/**
 * Thrown by a parser whose message is the whole warning (`gemspec has no version; skipped`);
 * any other error becomes `<fileKind> could not be read: <message>`.
 */
export class FileProblem extends Error {}

/**
 * What a parser says about one package; the harness adds where it was found
 * (`locations`, `introducedByLayer`, `foundBy`, placed after `licenses`). Fields keep the
 * order they are written in, which is the order SBOM JSON shows them in.
 */
export type FoundPackage = Omit<Package, 'locations' | 'introducedByLayer' | 'foundBy' | 'ownedBy'> & {
  type: PackageType;
  /** Appended to the file's path in the location: an artifact nested inside an archive. */
  nestedPath?: string;
};

/** What one version of a file lists, and what in it could not be read (warned on the final file only). */
export interface Reading<E> {
  entries: E[];
  problems?: string[];
}

interface CommonSpec<E, S> {
  /** Stable name, stored in snapshots and written as each package's `foundBy`. */
  name: string;
  /** Bumped whenever the output for the same input could change. */
  version: number;
  maxFileBytes: number;
  /** Every path it reads; `lists` picks those that list packages. */
  wants(path: string): boolean;
  /** A database at a fixed path, read also where a symlinked directory shows it (types.ts). */
  atFixedPaths?: boolean;
  /** The wanted files that list packages; default every wanted file. Others serve `prepare`. */
  lists?(path: string): boolean;
  /** Files with the lower rank are read first, so they win a key that `oncePer` reports once. */
  rank?(path: string): number;
  /** What the file is, for warnings: `.NET deps.json`. */
  fileKind: string;
  /** An entry's identity across layers (name@version): the layer that introduced it is the first to list it unchanged. */
  key(entry: E): string;
  /**
   * Where an entry's key is reported only once: across the image (an OS database seen at
   * two linked paths), in each file (a lockfile naming a crate twice), or in a group of
   * files that `oncePer` names (npm: the lockfiles of one project). Default: never merged.
   */
  oncePer?: 'image' | 'file' | ((file: WantedFile) => string);
  /** Once per image, before any package: what `toPackage` needs beyond the entry (the distro, licenses read from other files). */
  prepare?(ctx: CatalogContext): S;
  /**
   * Pure: the entry as a package. Throwing (a purl that cannot be written) skips the entry
   * with a warning on the path; `problem` words it.
   */
  toPackage(entry: E, file: WantedFile, scope: S): FoundPackage;
  problem(entry: E, cause: Error): string;
  /**
   * Entries that did not come from the ecosystem's registry (common/outside-registry.ts):
   * the harness marks each such package so it is not matched, adds the purl qualifier
   * that says where it came from, and names them in one warning on the file.
   */
  outsideRegistry?: OutsideRegistrySpec<E>;
  /**
   * After every file: what an OS package database says beyond its packages (file owners,
   * what each layer changed), from the packages found and any version of any path.
   */
  finish?(done: Cataloged<E, S>): Pick<CatalogResult, 'fileOwners' | 'layerChanges'>;
}

/** A cataloger of files it keeps and parses as text (a deps.json, the dpkg status file). */
export interface TextFileSpec<E, S = undefined> extends CommonSpec<E, S> {
  /** Pure: what one version of the file lists. Throwing skips the file with a warning on its path. */
  parse(content: string, path: string): E[] | Reading<E>;
}

/**
 * A cataloger of files it analyzes as their layer streams by and does not keep (archives,
 * binaries, an rpm database): `analyze` returns a small plain result, or undefined for a
 * file that is not of its kind.
 */
export interface AnalyzingSpec<E, A, S = undefined> extends CommonSpec<E, S> {
  analyze(file: StreamedFile): Promise<A | undefined>;
  /** Pure: what an analysis lists. */
  read(analysis: A): Reading<E>;
}

export type FileCatalogerSpec<E, S = undefined, A = never> = TextFileSpec<E, S> | AnalyzingSpec<E, A, S>;

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
  /** The project itself (a binary's root crate): marked as not from the registry, but no dependency to warn about. */
  isProject?(entry: E): boolean;
}

/** What `finish` is handed. */
export interface Cataloged<E, S> {
  ctx: CatalogContext;
  scope: S;
  packages: Package[];
  /** The entries that became `packages`, in the same order. */
  reported: E[];
  /** What a version of a path lists; undefined when it was deleted, unreadable or not of this kind. Parsed once. */
  entriesOf(path: string, version: FileVersion): E[] | undefined;
}
