import { deflateRawSync, gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compress, descriptor, imageConfig, imageOfBlobs, MEDIA, ociEntries, sha256, tarOf } from './image-builder.js';

/**
 * Builders of hostile image inputs, each one scenario of "a small file that costs
 * a lot": they write the bytes an attacker would, from the formats' own rules
 * (RFC 8878 for zstd, POSIX for tar, the OCI image spec for indexes).
 */

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

function blockHeader(last: boolean, type: 0 | 1 | 2, size: number): Buffer {
  const v = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]);
}

/** A zstd frame of `blocks` RLE blocks of 128 KiB zero bytes each: a few bytes per block, 128 KiB out. */
export function zstdRleBomb(blocks: number, windowLog = 17): Buffer {
  const parts: Buffer[] = [ZSTD_MAGIC, Buffer.from([0x00, (windowLog - 10) << 3])];
  for (let i = 0; i < blocks; i++) parts.push(blockHeader(i === blocks - 1, 1, 128 * 1024), Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A zstd frame whose window descriptor declares `exponent`/`mantissa` (e.g. 20/7 = 1.875 GiB), with one tiny block. */
export function zstdDeclaredWindow(exponent: number, mantissa: number): Buffer {
  return Buffer.concat([
    ZSTD_MAGIC,
    Buffer.from([0x00, (exponent << 3) | mantissa]),
    blockHeader(true, 1, 1024),
    Buffer.from([0]),
  ]);
}

/** `count` empty zstd frames (single segment, content size 0, one empty raw block), 9 bytes each. */
export function zstdEmptyFrames(count: number): Buffer {
  const frame = Buffer.concat([ZSTD_MAGIC, Buffer.from([0x20, 0x00]), blockHeader(true, 0, 0)]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** A real zstd-compressed layer followed by `count` empty frames: same content, one frame after another. */
export function zstdLayerWithEmptyFrames(layerTar: Buffer, count: number): Buffer {
  return Buffer.concat([compress(layerTar, 'zstd'), zstdEmptyFrames(count)]);
}

/** gzip of gzip: each level expands ~1000x, so a few KB become gigabytes of zeros. */
export function nestedGzipZeros(innerBytes: number): Buffer {
  return gzipSync(gzipSync(Buffer.alloc(innerBytes), { level: 9 }), { level: 9 });
}

/**
 * An oci-archive whose one image has the given layer blobs as stored (any bytes) and
 * the given diff_ids; descriptors carry the blobs' true digests, so only what the
 * blobs decompress to is in question.
 */
export async function ociArchiveWithBlobs(
  blobs: Buffer[],
  diffIds: string[] = blobs.map((b) => `sha256:${sha256(b)}`),
): Promise<Buffer> {
  const img = imageOfBlobs(imageConfig(diffIds), blobs, MEDIA.zstd);
  return tarOf(ociEntries([img], { schemaVersion: 2, manifests: [descriptor(img)] }));
}

/** A ustar header block (POSIX): name, size and type, checksum computed as tar does. */
export function tarHeader(name: string, size: number, typeflag: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('00000000000\0', 136, 'latin1');
  block.write(typeflag, 156, 'latin1');
  block.write('ustar\u000000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** One PAX record, `"%d key=value\n"`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (String(len).length + rest.length !== len) len++;
  return `${len}${rest}`;
}

/**
 * A layer tar in which `count` PAX extended headers of `each` bytes (each under the
 * 1 MiB limit) come one after another before a single file: together they are over it.
 */
export function chainedPaxLayer(count: number, each: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const record = paxRecord(`airlock.filler${i}`, 'x'.repeat(each - 40));
    const body = Buffer.from(record);
    parts.push(tarHeader(`PaxHeaders/${i}`, body.length, 'x'), padded(body));
  }
  const content = Buffer.from('box\n');
  parts.push(tarHeader('etc/hostname', content.length, '0'), padded(content), Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/**
 * An oci-archive whose indexes fan out: index.json names one index, and each index
 * level names the next one `width` times, `levels` deep, before the one image
 * manifest: width^levels paths through a few small blobs.
 */
export async function ociIndexFanOut(width: number, levels: number): Promise<Buffer> {
  const layer = await tarOf([{ path: 'etc/hostname', content: 'box\n' }]);
  const img = imageOfBlobs(imageConfig([`sha256:${sha256(layer)}`]), [layer], MEDIA.none);
  let child = descriptor(img, { platform: { os: 'linux', architecture: 'amd64' } });
  const indexes: Buffer[] = [];
  for (let level = 0; level < levels; level++) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: Array.from({ length: width }, () => child),
      }),
    );
    indexes.push(index);
    child = {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: `sha256:${sha256(index)}`,
      size: index.length,
    };
  }
  return tarOf(ociEntries([img], { schemaVersion: 2, manifests: [child] }, indexes));
}

/**
 * An `rpmdb.sqlite` whose schema runs when it is read: `Packages` as a VIEW over an
 * endless recursive query (each row a 1 MiB blob), or a table whose blob column is
 * generated on read. Written with the sqlite3 package, as an attacker's sqlite3 would.
 */
export async function hostileRpmdbSqlite(kind: 'endless-view' | 'generated-blob'): Promise<Buffer> {
  const sqlite3 = (await import('sqlite3')).default;
  const dir = mkdtempSync(join(tmpdir(), 'airlock-rpmdb-'));
  const file = join(dir, 'rpmdb.sqlite');
  const sql =
    kind === 'endless-view'
      ? 'CREATE VIEW Packages AS WITH RECURSIVE r(hnum, blob) AS (SELECT 1, zeroblob(1048576) UNION ALL SELECT hnum + 1, blob FROM r) SELECT hnum, blob FROM r;'
      : "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, seed BLOB, blob BLOB GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL); INSERT INTO Packages (hnum, seed) VALUES (1, x'00');";
  try {
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (err) => {
        if (err) return reject(err);
        db.exec(sql, (e) => db.close(() => (e ? reject(e) : resolve())));
      });
    });
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A layer with one file whose PAX path is `depth` directories deep (`d/d/…/deep.txt`), then the given tar. */
export function deepPathLayer(depth: number, rest: Buffer): Buffer {
  const path = `${'d/'.repeat(depth)}deep.txt`;
  const pax = Buffer.from(paxRecord('path', path));
  const content = Buffer.from('deep\n');
  return Buffer.concat([
    tarHeader('PaxHeaders/deep', pax.length, 'x'),
    padded(pax),
    tarHeader('deep.txt', content.length, '0'),
    padded(content),
    rest,
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

export interface ZipMember {
  name: string;
  content: Buffer;
  /**
   * Set the data-descriptor flag (bit 3) and record this uncompressed size instead of
   * the real one, as a lying zip writer would; the CRC is then left at 0 too.
   */
  claimedSize?: number;
}

/** A zip (a jar) written by hand, every member deflated, so that its headers can lie. */
export function zipOf(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const data = deflateRawSync(m.content, { level: 9 });
    const lying = m.claimedSize !== undefined;
    const flags = lying ? 0x08 : 0;
    const crc = lying ? 0 : crc32(m.content);
    const size = lying ? m.claimedSize! : m.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function pomProperties(groupId: string, artifactId: string, version: string): ZipMember {
  return {
    name: `META-INF/maven/${groupId}/${artifactId}/pom.properties`,
    content: Buffer.from(`groupId=${groupId}\nartifactId=${artifactId}\nversion=${version}\n`),
  };
}

/** A gzipped tar of `count` members of `each` bytes that are neither layers nor JSON: each one small enough to keep. */
export async function gzipManySmallMembers(count: number, each: number): Promise<Buffer> {
  const filler = Buffer.alloc(each, 0x78);
  return gzipSync(
    await tarOf(Array.from({ length: count }, (_, i) => ({ path: `filler-${i}.json`, content: filler }))),
    { level: 9 },
  );
}

/**
 * One zstd frame whose compressed block declares a literal-lengths FSE table of accuracy
 * log 20 (the format allows 9): the decoder's own check throws. Found by scripts/fuzz.
 */
export function zstdBadFseTable(): Buffer {
  const block = Buffer.from([
    (4 << 3) | 0, // raw literals, 4 bytes
    ...Buffer.from('ABCD'),
    0x01, // one sequence
    0x80, // literal lengths FSE-compressed; offsets and match lengths predefined
    0xff,
    0xff,
    0xff,
    0xff, // the table description: accuracy log 15 + 5
  ]);
  const header = (block.length << 3) | (2 << 1) | 1; // compressed, last block
  return Buffer.concat([
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 16]), // magic; single segment, content size 16
    Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]),
    block,
  ]);
}
