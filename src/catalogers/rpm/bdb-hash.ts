import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads the values of a Berkeley DB hash database, the format of rpm's legacy
 * `/var/lib/rpm/Packages` (RHEL/CentOS 5-8, Amazon Linux 2, SLES 12-15.3): one record
 * per installed package, keyed by its header number, whose value is the header blob.
 *
 * Layout (Berkeley DB's db_page.h, as rpm's own read-only reader bdb_ro.c walks it):
 * page 0 is the hash metadata page; bucket pages chain through `next_pgno`; an item too
 * big for its page lives on a chain of overflow pages. The file may be little- or
 * big-endian (the magic tells which).
 */

const HASH_MAGIC = 0x00061561;
const PAGE_HEADER = 26;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

/**
 * Hands each value whose key is not 0 (old rpm keeps a counter there) to `onValue`. A
 * value whose overflow chain is damaged goes to `onProblem` and is skipped; a damaged
 * file or bucket chain throws.
 */
export function readBdbHashValues(
  path: string,
  onValue: (value: Buffer) => void,
  onProblem: (message: string) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    new HashFile(fd, fstatSync(fd).size).each(onValue, onProblem);
  } finally {
    closeSync(fd);
  }
}

class HashFile {
  private readonly le: boolean;
  private readonly pageSize: number;
  private readonly lastPage: number;
  private readonly maxBucket: number;
  private readonly spares: number[] = [];

  constructor(
    private readonly fd: number,
    fileSize: number,
  ) {
    const meta = Buffer.alloc(512);
    if (fileSize < 512 || readSync(fd, meta, 0, 512, 0) !== 512) throw new Error('too short for a Berkeley DB file');
    if (meta.readUInt32LE(12) === HASH_MAGIC) this.le = true;
    else if (meta.readUInt32BE(12) === HASH_MAGIC) this.le = false;
    else throw new Error('not a Berkeley DB hash database');
    const u32 = (at: number) => (this.le ? meta.readUInt32LE(at) : meta.readUInt32BE(at));
    const version = u32(16);
    if (version < 8 || version > 10) throw new Error(`unsupported Berkeley DB hash version ${version}`);
    if (meta[24] !== 0) throw new Error('encrypted Berkeley DB databases are not supported');
    this.pageSize = u32(20);
    if (this.pageSize < 512 || this.pageSize > 65536 || (this.pageSize & (this.pageSize - 1)) !== 0)
      throw new Error(`bad page size ${this.pageSize}`);
    this.lastPage = Math.min(u32(32), Math.floor(fileSize / this.pageSize) - 1);
    this.maxBucket = u32(72);
    if (this.maxBucket > this.lastPage)
      throw new Error(`bucket count ${this.maxBucket + 1} exceeds the ${this.lastPage + 1} pages`);
    for (let i = 0; i < 32; i++) this.spares.push(u32(96 + i * 4));
  }

  each(onValue: (value: Buffer) => void, onProblem: (message: string) => void): void {
    const visited = new Set<number>();
    for (let bucket = 0; bucket <= this.maxBucket; bucket++) {
      let pgno = this.bucketPage(bucket);
      while (pgno !== 0) {
        if (visited.has(pgno)) throw new Error(`page ${pgno} is linked twice`);
        visited.add(pgno);
        const page = this.page(pgno);
        // A bucket page never written is all zeros: an empty bucket, as Berkeley DB treats it.
        if (!page) break;
        if (page.type !== P_HASH && page.type !== P_HASH_UNSORTED && page.type !== P_HASHMETA)
          throw new Error(`page ${pgno} is not a hash page (type ${page.type})`);
        this.pairs(page.buf, onValue, onProblem);
        pgno = page.next;
      }
    }
  }

  /** rpm's hash_bucket_to_page: the bucket number plus the spare count of its doubling. */
  private bucketPage(bucket: number): number {
    let bits = 0;
    for (let b = bucket; b; b >>>= 1) bits++;
    return bucket + this.spares[bits];
  }

  private u16(buf: Buffer, at: number): number {
    return this.le ? buf.readUInt16LE(at) : buf.readUInt16BE(at);
  }

  private u32(buf: Buffer, at: number): number {
    return this.le ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
  }

  private page(pgno: number): { buf: Buffer; type: number; next: number } | undefined {
    if (pgno > this.lastPage) throw new Error(`page ${pgno} is past the end of the file`);
    const buf = Buffer.alloc(this.pageSize);
    readSync(this.fd, buf, 0, this.pageSize, pgno * this.pageSize);
    if (this.u32(buf, 8) !== pgno) {
      if (buf.every((b) => b === 0)) return undefined;
      throw new Error(`page ${pgno} is labelled ${this.u32(buf, 8)}`);
    }
    return { buf, type: buf[25], next: this.u32(buf, 16) };
  }

  /** Items alternate key, value; each item's length is the gap to the previous item's offset. */
  private pairs(page: Buffer, onValue: (value: Buffer) => void, onProblem: (message: string) => void): void {
    const count = this.u16(page, 20);
    if (PAGE_HEADER + count * 2 > this.pageSize) throw new Error('hash page claims more items than fit');
    const offset = (i: number) => this.u16(page, PAGE_HEADER + i * 2);
    for (let i = 0; i + 1 < count; i += 2) {
      const keyEnd = i === 0 ? this.pageSize : offset(i - 1);
      const key = this.item(page, offset(i), keyEnd);
      if (!key || (key.length === 4 && this.u32(key, 0) === 0)) continue;
      let value: Buffer | undefined;
      try {
        value = this.item(page, offset(i + 1), offset(i));
      } catch (err) {
        onProblem(`${(err as Error).message}; record skipped`);
      }
      if (value) onValue(value);
    }
  }

  private item(page: Buffer, start: number, end: number): Buffer | undefined {
    if (start < PAGE_HEADER || end > this.pageSize || start >= end) throw new Error('hash item lies outside its page');
    if (page[start] === H_KEYDATA) return page.subarray(start + 1, end);
    if (page[start] === H_OFFPAGE) {
      if (end - start < 12) throw new Error('short overflow reference');
      return this.overflow(this.u32(page, start + 4), this.u32(page, start + 8));
    }
    return undefined; // duplicates are not used by rpm's Packages database
  }

  private overflow(first: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    let filled = 0;
    let pgno = first;
    const seen = new Set<number>();
    while (filled < length) {
      if (pgno === 0 || seen.has(pgno)) throw new Error(`overflow chain from page ${first} ends early`);
      seen.add(pgno);
      const page = this.page(pgno);
      if (!page || page.type !== P_OVERFLOW) throw new Error(`page ${pgno} is not an overflow page`);
      const n = this.u16(page.buf, 22);
      if (PAGE_HEADER + n > this.pageSize || filled + n > length)
        throw new Error(`overflow page ${pgno} holds a bad length`);
      page.buf.copy(out, filled, PAGE_HEADER, PAGE_HEADER + n);
      filled += n;
      pgno = page.next;
    }
    return out;
  }
}
