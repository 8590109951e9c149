/**
 * The files the image reader hands to whoever asked for them (catalogers, via
 * src/catalogers/types.ts): a wanted file as it stands in the final image, each version of
 * it layer by layer, and a body as its layer streams by. The reader owns these types.
 */
import type { Layer } from '../sbom/model.js';

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
