import type { Distro, LayerChange, Package, Warning } from '../sbom/model.js';

// The file types are the image reader's (it produces them); catalogers consume them.
export type { FileVersion, StreamedFile, WantedFile } from '../image/files.js';
import type { FileVersion, WantedFile, StreamedFile } from '../image/files.js';

/** What a cataloger sees: only the files it said it wants, already layered. */
export interface CatalogContext {
  /** Files present in the final image whose path the cataloger wants. Sorted by path. */
  files: WantedFile[];
  /**
   * Every version of a wanted path, oldest layer first, including deletions.
   * Catalogers use it to find the layer that introduced a package.
   */
  history(path: string): FileVersion[];
  /**
   * Wanted paths that some layer wrote and a later one deleted, so they are not among
   * `files` (a distroless `status.d/` file of a purged package). Sorted.
   */
  deletedPaths?(): string[];
  /** The distro identified by the os-release cataloger, if any. */
  distro?: Distro;
}

export interface CatalogResult {
  packages: Package[];
  warnings: Warning[];
  /** OS package catalogers: which package installed which file, so application packages they shipped are marked. */
  fileOwners?: FileOwners;
  /** OS package catalogers: what each layer did to the installed packages, from the database's history. */
  layerChanges?: LayerChange[];
}

/** The file lists of an OS package database (dpkg `info/*.list`, rpm header file names). */
export interface FileOwners {
  type: 'deb' | 'rpm' | 'apk';
  /** For each of `paths` (absolute) that a package installed, that package's name. */
  ownersOf(paths: ReadonlySet<string>): Map<string, string>;
}

/**
 * A package cataloger. Adding an ecosystem is one folder and one line in
 * `catalogers/index.ts`.
 */
export interface Cataloger {
  /** Stable name, stored in snapshots (e.g. `dpkg`). */
  readonly name: string;
  /** Bumped whenever its output for the same input could change; old snapshots become stale. */
  readonly version: number;
  /** Whether the file at this absolute path is one this cataloger reads. Must be cheap: called for every file. */
  wants(path: string): boolean;
  /** Files larger than this are not read; a warning is recorded instead. */
  readonly maxFileBytes: number;
  /**
   * Reads databases at fixed paths (/var/lib/dpkg/status): a file that a symlinked
   * directory shows there is read too, as `docker run` would see it. Catalogers that
   * match patterns anywhere (npm) leave it off: their files are found where they are.
   */
  readonly atFixedPaths?: boolean;
  /**
   * Optional: look at each wanted file while its layer is read and return a small,
   * plain result; the body is then not kept. The result reaches `catalog` as
   * `WantedFile.analysis` for files present in the final image (symlinks are not
   * followed for analyzing catalogers, so a linked jar is not counted twice).
   * Throwing records a warning for that file.
   */
  analyze?(file: StreamedFile): Promise<unknown>;
  catalog(ctx: CatalogContext): CatalogResult;
}

/** Identifies the distro; runs before package catalogers. */
export interface DistroDetector {
  readonly name: string;
  readonly version: number;
  wants(path: string): boolean;
  readonly maxFileBytes: number;
  readonly atFixedPaths?: boolean;
  detect(files: WantedFile[]): { distro?: Distro; warnings: Warning[] };
}
