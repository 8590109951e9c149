import type { Distro, Layer, Package, Warning } from '../sbom/model.js';

/**
 * One version of a wanted file, as one layer wrote it.
 * `content` is undefined when that layer deleted the file (whiteout).
 */
export interface FileVersion {
  layer: Layer;
  content?: Buffer;
}

/** The file a cataloger asked for, as it stands in the final image. */
export interface WantedFile {
  /** Absolute path in the image, e.g. `/var/lib/dpkg/status`. */
  path: string;
  content: Buffer;
  /** The layer that last wrote it. */
  layer: Layer;
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
  /** The distro identified by the os-release cataloger, if any. */
  distro?: Distro;
}

export interface CatalogResult {
  packages: Package[];
  warnings: Warning[];
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
  catalog(ctx: CatalogContext): CatalogResult;
}

/** Identifies the distro; runs before package catalogers. */
export interface DistroDetector {
  readonly name: string;
  readonly version: number;
  wants(path: string): boolean;
  readonly maxFileBytes: number;
  detect(files: WantedFile[]): { distro?: Distro; warnings: Warning[] };
}
