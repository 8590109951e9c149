import type { Distro, Layer, LayerChange, Package, Warning } from '../sbom/model.js';

/**
 * One version of a wanted file, as one layer wrote it.
 * `content` is undefined when that layer deleted the file (whiteout).
 */
export interface FileVersion {
  layer: Layer;
  content?: Buffer;
  /** What this cataloger's `analyze` returned for that version, for analyzing catalogers. */
  analysis?: unknown;
  /**
   * The layer deleted the path (whiteout, opaque directory, replaced by a directory or
   * link). A version with neither this, content nor analysis was written but could not
   * be read (its analysis failed): it says nothing about the packages.
   */
  deleted?: true;
}

/** The file a cataloger asked for, as it stands in the final image. */
export interface WantedFile {
  /** Absolute path in the image, e.g. `/var/lib/dpkg/status`. */
  path: string;
  /** The body; empty for catalogers that `analyze` files instead of keeping them. */
  content: Buffer;
  /** The layer that last wrote it. */
  layer: Layer;
  /** This cataloger's `analyze` result for the file, when it has an `analyze`. */
  analysis?: unknown;
  /** Size of the file in bytes (set by the image reader). */
  size?: number;
}

/**
 * A file body as its layer streams by. Catalogers of large or numerous files (jars,
 * binaries) look at it once and keep only what they found, so memory stays bounded
 * by one file, never by the image.
 */
export interface StreamedFile {
  /** Absolute path in the image. */
  path: string;
  size: number;
  /** The whole body in memory. */
  read(): Promise<Buffer>;
  /**
   * Random access without reading the body, when its layer is an uncompressed tar on
   * disk (docker save). Readers of headers and section tables (ELF) use it first.
   */
  readAt?(offset: number, length: number): Buffer;
  /**
   * The body written to a temporary file (for readers that need random access, like
   * zip central directories); the file is removed as soon as `analyze` settles.
   */
  spill(): Promise<string>;
}

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
