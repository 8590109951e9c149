/**
 * Builders of hostile feed files for `bundle build`: zips whose headers lie, gzip streams
 * holding a gigabyte-long line, records with a few hundred thousand list entries. Big
 * contents are compressed as they are generated, so nothing large is held in memory or
 * written to disk; the records themselves are copies of real ones from ../shared/feeds.
 */
import { resolve } from 'node:path';
import { createDeflateRaw, createGzip, crc32, deflateRawSync, type Gzip, type DeflateRaw } from 'node:zlib';
import StreamZip from 'node-stream-zip';

export const SHARED_FEEDS = resolve(process.cwd(), '../shared/feeds');
export const GO_OSV_ZIP = resolve(SHARED_FEEDS, 'go-vulndb-osv/all.zip');
export const EPSS_CSV = resolve(SHARED_FEEDS, 'epss/epss_scores-2024-10-25.excerpt.csv');
export const DSA_LIST = resolve(SHARED_FEEDS, 'debian-security-tracker-lists/data/DSA/list');

/** The first `count` real OSV records of the Go vulndb export, as `{ name, content }`. */
export async function realOsvRecords(count: number): Promise<Array<{ name: string; content: Buffer }>> {
  const zip = new StreamZip.async({ file: GO_OSV_ZIP });
  try {
    const names = Object.keys(await zip.entries())
      .sort()
      .slice(0, count);
    const records: Array<{ name: string; content: Buffer }> = [];
    for (const name of names) records.push({ name, content: await zip.entryData(name) });
    return records;
  } finally {
    await zip.close();
  }
}

/** A real OSV record whose `affected` list is its first entry repeated `count` times. */
export function withAffectedCopies(record: Buffer, count: number): Buffer {
  const doc = JSON.parse(record.toString('utf8')) as { id: string; affected: unknown[] };
  const one = JSON.stringify(doc.affected[0]);
  // Joined as text: 200,000 copies as objects would cost the test process more than the CLI.
  const text = JSON.stringify({ ...doc, affected: 'AFFECTED' });
  return Buffer.from(text.replace('"AFFECTED"', () => `[${Array<string>(count).fill(one).join(',')}]`));
}

export interface ZipEntrySpec {
  name: string;
  /** The real content, stored or deflated as `method` says. */
  content?: Buffer;
  /** Precompressed deflate data standing for `realSize` bytes (a big entry built by deflateZeros). */
  deflated?: { data: Buffer; realSize: number; crc: number };
  method?: 'stored' | 'deflate';
  /** Declared uncompressed size, when it should lie; sets the data-descriptor flag (bit 3) and a zero CRC. */
  claimedSize?: number;
  /** DOS date field; 0 is the "no date" some writers leave. Default 2024-01-01. */
  dosDate?: number;
}

const DOS_2024 = ((2024 - 1980) << 9) | (1 << 5) | 1;

/** A zip written by hand, so that its headers can say what an attacker wants. */
export function hostileZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.deflated || entry.method === 'deflate' ? 8 : 0;
    let data: Buffer;
    let realSize: number;
    let crc: number;
    if (entry.deflated) {
      ({ data, realSize, crc } = entry.deflated);
    } else {
      const content = entry.content ?? Buffer.alloc(0);
      data = method === 8 ? deflateRawSync(content) : content;
      realSize = content.length;
      crc = crc32(content);
    }
    const lying = entry.claimedSize !== undefined;
    const flags = 0x0800 | (lying ? 0x08 : 0);
    const size = lying ? entry.claimedSize! : realSize;
    if (lying) crc = 0;
    const date = entry.dosDate ?? DOS_2024;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Compresses a generated stream: `parts` are written in order, a `{ repeat, times }` part
 * writes one buffer many times, so a gigabyte of output costs one small buffer.
 */
async function compressParts(
  codec: Gzip | DeflateRaw,
  parts: Array<Buffer | { repeat: Buffer; times: number }>,
): Promise<Buffer> {
  const out: Buffer[] = [];
  codec.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    codec.once('end', resolve);
    codec.once('error', reject);
  });
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve) => {
      if (codec.write(chunk)) resolve();
      else codec.once('drain', resolve);
    });
  for (const part of parts) {
    if (Buffer.isBuffer(part)) await write(part);
    else for (let i = 0; i < part.times; i++) await write(part.repeat);
  }
  codec.end();
  await ended;
  return Buffer.concat(out);
}

/** A gzip of `parts` (see compressParts), compressed at level 9 so runs of one byte shrink ~1000x. */
export function gzipParts(parts: Array<Buffer | { repeat: Buffer; times: number }>): Promise<Buffer> {
  return compressParts(createGzip({ level: 9 }), parts);
}

/** Raw deflate of `bytes` zero bytes, with the CRC a truthful header would carry. */
export async function deflateZeros(bytes: number): Promise<{ data: Buffer; realSize: number; crc: number }> {
  const block = Buffer.alloc(1 << 20);
  let crc = 0;
  const times = Math.floor(bytes / block.length);
  for (let i = 0; i < times; i++) crc = crc32(block, crc);
  const rest = Buffer.alloc(bytes - times * block.length);
  crc = crc32(rest, crc);
  const data = await compressParts(createDeflateRaw({ level: 9 }), [{ repeat: block, times }, rest]);
  return { data, realSize: bytes, crc };
}
