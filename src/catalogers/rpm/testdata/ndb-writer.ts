import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { RpmFixture } from './rpmdb-builder.js';

/**
 * Test scaffolding: an ndb `Packages.db` holding the given header blobs (those rpm wrote
 * to sqlite). Debian's rpm is built without ndb, so no tool here writes one: this follows
 * rpm's lib/backend/ndb/rpmpkg.c (rpmpkgWriteHeader, rpmpkgWriteEmptySlotpage,
 * rpmpkgWriteslot, rpmpkgWriteBlob) byte for byte, with one slot page.
 */
export function ndbRpmDb(fixture: RpmFixture, blobs: { hnum: number; blob: Buffer }[]): string {
  if (blobs.length > 4096 / 16 - 2) throw new Error('one slot page holds 254 packages');
  const dir = mkdtempSync(path.join(fixture.dir, 'ndb-'));
  const PAGE = 4096;
  const slots = Buffer.alloc(PAGE);
  for (let at = 0; at < PAGE; at += 16) slots.write('Slot', at, 'latin1');
  const parts: Buffer[] = [];
  let blockOffset = PAGE / 16; // blobs start after the one slot page
  blobs.forEach(({ hnum, blob }, i) => {
    const blockCount = Math.ceil((16 + blob.length + 12) / 16);
    const block = Buffer.alloc(blockCount * 16);
    block.write('BlbS', 0, 'latin1');
    block.writeUInt32LE(hnum, 4);
    block.writeUInt32LE(1_700_000_000, 8);
    block.writeUInt32LE(blob.length, 12);
    blob.copy(block, 16);
    const tail = block.length - 12;
    block.writeUInt32LE(adler32(block.subarray(0, tail)), tail);
    block.writeUInt32LE(blob.length, tail + 4);
    block.write('BlbE', tail + 8, 'latin1');
    const slot = 32 + i * 16; // the 32-byte file header takes the first two slots
    slots.writeUInt32LE(hnum, slot + 4);
    slots.writeUInt32LE(blockOffset, slot + 8);
    slots.writeUInt32LE(blockCount, slot + 12);
    parts.push(block);
    blockOffset += blockCount;
  });
  slots.fill(0, 0, 32);
  slots.write('RpmP', 0, 'latin1');
  slots.writeUInt32LE(0, 4); // version
  slots.writeUInt32LE(blobs.length + 1, 8); // generation
  slots.writeUInt32LE(1, 12); // slot pages
  slots.writeUInt32LE(Math.max(0, ...blobs.map((b) => b.hnum)) + 1, 16); // next package index
  const file = path.join(dir, 'Packages.db');
  writeFileSync(file, Buffer.concat([slots, ...parts]));
  return file;
}

/** Adler-32 as zlib computes it: the last four bytes of a zlib stream (RFC 1950), not the reader's own code. */
function adler32(data: Buffer): number {
  const zlib = deflateSync(data, { level: 0 });
  return zlib.readUInt32BE(zlib.length - 4);
}
