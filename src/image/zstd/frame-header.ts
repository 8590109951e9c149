/**
 * Zstandard frame and block headers (RFC 8878), parsed before any byte reaches the
 * decoder, so that what a frame declares is checked against our budgets first: the
 * window it needs (the decoder allocates it up front) and the size of each block.
 */

export const ZSTD_MAGIC = 0xfd2fb528;
/** Like zstd's own CLI (`--memory` default, windowLog 27): larger windows are refused, not allocated. */
export const MAX_WINDOW_BYTES = 128 * 1024 * 1024;
/** RFC 8878 §3.1.1.2.3: no block regenerates more than 128 KiB. */
export const MAX_BLOCK_BYTES = 128 * 1024;

/**
 * fzstd moves its whole window on every block it decodes, so a block costs the window
 * size in memory traffic, not its own size. Up to 8 MiB (zstd levels 1-19, and the
 * containerd/BuildKit encoder's default) that is a constant factor; beyond it, each
 * block's excess over 8 MiB is charged against this allowance per stream, so that a
 * 128 MiB-window frame (`zstd --long`, `--ultra -22`) decodes for a few seconds at most
 * and then ends in a clear error instead of minutes of copying.
 */
export const CHEAP_WINDOW_BYTES = 8 * 1024 * 1024;
export const MAX_EXCESS_WINDOW_WORK = 32 * 1024 ** 3;

export class ZstdFormatError extends Error {}

export interface FrameHeader {
  /** Bytes of the header after the magic number (descriptor, window, dictionary id, content size). */
  length: number;
  windowBytes: number;
  hasChecksum: boolean;
}

/** Bytes of the header that follow the magic and the descriptor byte, from the descriptor alone. */
export function frameHeaderRest(descriptor: number): number {
  const singleSegment = (descriptor >> 5) & 1;
  const dictFlag = descriptor & 3;
  const fcsFlag = descriptor >> 6;
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  return (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag] + fcsBytes;
}

/** Parses a frame header; `bytes` starts at the descriptor byte and holds the whole header. */
export function parseFrameHeader(bytes: Buffer): FrameHeader {
  const descriptor = bytes[0];
  if (descriptor & 0x08) throw new ZstdFormatError('zstd frame header has its reserved bit set');
  const singleSegment = (descriptor >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][descriptor & 3];
  const fcsFlag = descriptor >> 6;
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  let pos = 1;
  let windowBytes = 0;
  if (!singleSegment) {
    const wd = bytes[pos++];
    const base = 2 ** (10 + (wd >> 3));
    windowBytes = base + (base / 8) * (wd & 7);
  }
  if (dictBytes && readLE(bytes, pos, dictBytes) !== 0) throw new ZstdFormatError('zstd frame needs a dictionary');
  pos += dictBytes;
  if (singleSegment) {
    // A single-segment frame's window is its whole content.
    windowBytes = readLE(bytes, pos, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
  }
  if (windowBytes > MAX_WINDOW_BYTES) {
    throw new ZstdFormatError(
      `zstd frame needs a ${mib(windowBytes)} window, more than the ${mib(MAX_WINDOW_BYTES)} limit`,
    );
  }
  return { length: 1 + frameHeaderRest(descriptor), windowBytes, hasChecksum: ((descriptor >> 2) & 1) === 1 };
}

export interface BlockHeader {
  last: boolean;
  type: 'raw' | 'rle' | 'compressed';
  /** Bytes of the block's content in the stream. */
  contentBytes: number;
}

export function parseBlockHeader(bytes: Buffer, windowBytes: number): BlockHeader {
  const value = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
  const last = (value & 1) === 1;
  const typeCode = (value >> 1) & 3;
  const size = value >>> 3;
  if (typeCode === 3) throw new ZstdFormatError('zstd block of reserved type');
  const limit = Math.min(MAX_BLOCK_BYTES, Math.max(windowBytes, 1));
  if (size > limit) throw new ZstdFormatError(`zstd block of ${size} bytes is larger than its ${limit}-byte limit`);
  const type = typeCode === 0 ? 'raw' : typeCode === 1 ? 'rle' : 'compressed';
  return { last, type, contentBytes: type === 'rle' ? 1 : size };
}

function readLE(bytes: Buffer, pos: number, n: number): number {
  let value = 0;
  for (let i = n - 1; i >= 0; i--) value = value * 256 + bytes[pos + i];
  return value;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`
    : `${bytes} bytes`;
}
