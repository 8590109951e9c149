import { gzipSync } from 'node:zlib';
import { compress, sha256, tarOf, type TreeEntry } from './image-builder.js';

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
  const parts = [ZSTD_MAGIC, Buffer.from([0x00, (windowLog - 10) << 3])];
  for (let i = 0; i < blocks; i++) parts.push(blockHeader(i === blocks - 1, 1, 128 * 1024), Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A zstd frame whose window descriptor declares `exponent`/`mantissa` (e.g. 20/7 = 1.875 GiB), with one tiny block. */
export function zstdDeclaredWindow(exponent: number, mantissa: number): Buffer {
  return Buffer.concat([ZSTD_MAGIC, Buffer.from([0x00, (exponent << 3) | mantissa]), blockHeader(true, 1, 1024), Buffer.from([0])]);
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
export async function ociArchiveWithBlobs(blobs: Buffer[], diffIds: string[] = blobs.map((b) => `sha256:${sha256(b)}`)): Promise<Buffer> {
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created: '2026-11-24T10:00:00Z',
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: blobs.map((_, i) => ({ created: '2026-11-24T10:00:00Z', created_by: `RUN step ${i + 1}` })),
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(config)}`, size: config.length },
    layers: blobs.map((b) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: `sha256:${sha256(b)}`, size: b.length })),
  }));
  const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha256(manifest)}`, size: manifest.length }] };
  const entries: TreeEntry[] = [
    ...blobs.map((b) => ({ path: `blobs/sha256/${sha256(b)}`, content: b })),
    { path: `blobs/sha256/${sha256(config)}`, content: config },
    { path: `blobs/sha256/${sha256(manifest)}`, content: manifest },
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', content: JSON.stringify(index) },
  ];
  return tarOf(entries);
}
