import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads the header blobs of rpm's own "ndb" package database, `Packages.db` (SUSE since
 * SLE 15 SP3 / openSUSE Leap 15.3). Layout from rpm's lib/backend/ndb/rpmpkg.c, all
 * little-endian:
 *
 * - a 32-byte file header (`RpmP`, version 0, generation, slot page count, next index),
 *   sharing the first 4 KiB page with the slot table;
 * - slot pages of 16-byte slots (`Slot`, package index, block offset, block count),
 *   where a zero block offset marks a free slot;
 * - blobs in 16-byte blocks: a head (`BlbS`, package index, timestamp, length), the
 *   header blob, zero padding and a tail (adler32 of all before it, length, `BlbE`).
 */

const FILE_MAGIC = 0x506d7052; // 'RpmP'
const SLOT_MAGIC = 0x746f6c53; // 'Slot'
const BLOB_HEAD_MAGIC = 0x53626c42; // 'BlbS'
const BLOB_TAIL_MAGIC = 0x45626c42; // 'BlbE'
const PAGE = 4096;
const BLOCK = 16;
const HEAD = 16;
const TAIL = 12;
/** go-rpmdb's sanity bound: 2048 slot pages are half a million packages. */
const MAX_SLOT_PAGES = 2048;

/** Hands each blob to `onBlob`; a damaged blob goes to `onProblem` and is skipped, a damaged file throws. */
export function readNdbBlobs(path: string, onBlob: (blob: Buffer) => void, onProblem: (message: string) => void): void {
  const fd = openSync(path, 'r');
  try {
    readBlobs(fd, fstatSync(fd).size, onBlob, onProblem);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  if (readSync(fd, buf, 0, length, position) !== length) throw new Error(`file ends before byte ${position + length}`);
  return buf;
}

function readBlobs(
  fd: number,
  size: number,
  onBlob: (blob: Buffer) => void,
  onProblem: (message: string) => void,
): void {
  const head = readAt(fd, 0, 32);
  if (head.readUInt32LE(0) !== FILE_MAGIC) throw new Error('not an rpm ndb database');
  if (head.readUInt32LE(4) !== 0) throw new Error(`unsupported ndb version ${head.readUInt32LE(4)}`);
  const slotPages = head.readUInt32LE(12);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES || slotPages * PAGE > size)
    throw new Error(`bad slot page count ${slotPages}`);
  const slots = readAt(fd, 0, slotPages * PAGE);
  for (let at = 32; at < slots.length; at += 16) {
    if (slots.readUInt32LE(at) !== SLOT_MAGIC) throw new Error(`bad slot at byte ${at}`);
    const pkgIndex = slots.readUInt32LE(at + 4);
    const blockOffset = slots.readUInt32LE(at + 8);
    const blockCount = slots.readUInt32LE(at + 12);
    if (blockOffset === 0) continue;
    if (pkgIndex === 0 || (blockOffset + blockCount) * BLOCK > size) {
      onProblem(`slot for package ${pkgIndex} points past the end of the file; skipped`);
      continue;
    }
    try {
      onBlob(readBlob(fd, pkgIndex, blockOffset, blockCount));
    } catch (err) {
      onProblem(`${(err as Error).message}; skipped`);
    }
  }
}

function readBlob(fd: number, pkgIndex: number, blockOffset: number, blockCount: number): Buffer {
  const block = readAt(fd, blockOffset * BLOCK, blockCount * BLOCK);
  if (block.length < HEAD + TAIL || block.readUInt32LE(0) !== BLOB_HEAD_MAGIC || block.readUInt32LE(4) !== pkgIndex) {
    throw new Error(`blob of package ${pkgIndex} has a bad head`);
  }
  const length = block.readUInt32LE(12);
  if (Math.ceil((HEAD + length + TAIL) / BLOCK) !== blockCount)
    throw new Error(`blob of package ${pkgIndex} does not fill its ${blockCount} blocks`);
  const tail = block.length - TAIL;
  if (block.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC || block.readUInt32LE(tail + 4) !== length)
    throw new Error(`blob of package ${pkgIndex} has a bad tail`);
  if (block.readUInt32LE(tail) !== adler32(block.subarray(0, tail)))
    throw new Error(`blob of package ${pkgIndex} fails its checksum`);
  return block.subarray(HEAD, HEAD + length);
}

/** RFC 1950 Adler-32, as rpmpkg.c checks blobs with it. */
export function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
