import type { LayerRecord, WantsFile } from './layer-scan.js';

/**
 * What format resolution needs from an archive, whatever its container:
 * small metadata files by name, and layers scanned by name.
 * Names are archive-relative, normalized, without `./`.
 */
export interface Archive {
  /** The path the user gave, for error messages. */
  readonly label: string;
  has(name: string): boolean;
  /** Names of the members (regular files and symlinks), for listing and detection. */
  names(): string[];
  /** Reads a small member (JSON); throws InputError if missing or larger than `maxBytes`. */
  readSmall(name: string, maxBytes?: number): Promise<Buffer>;
  /** Size in bytes of a member as stored. */
  sizeOf(name: string): number | undefined;
  /** Scans a layer member into a record of its entries, keeping only wanted file bodies. */
  scanLayer(name: string, wants: WantsFile): Promise<LayerRecord>;
  close(): Promise<void>;
}

export const MAX_METADATA_BYTES = 16 << 20;
