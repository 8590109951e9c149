/** One file of a feed as the walkers (feed-files.ts, feed-tar.ts) hand it to importers. */
import type { Readable } from 'node:stream';

export interface FeedFile {
  /** How warnings name it: a file path, or `<zip>!<entry>` for a zip entry. */
  readonly name: string;
  /** The file or entry name, for extension checks (`vulns/redis/PYSEC-2023-73.yaml`). */
  readonly entryPath: string;
  readonly size: number;
  /** Modification time recorded in the zip, when the file is a zip entry. */
  readonly zipTime?: Date;
  read(): Promise<Buffer>;
  open(): Promise<Readable>;
}

export interface WalkOptions {
  /** Read at most this many entries of each zip (used by `detect`, which samples). */
  readonly entriesPerZip?: number;
  /** Where archive entries that are skipped (unsafe names, oversized) are reported; `detect` passes none. */
  readonly warn?: (warning: { file: string; message: string }) => void;
}
