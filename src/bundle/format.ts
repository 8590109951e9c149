import type { FileHandle } from 'node:fs/promises';
import semver from 'semver';
import { InputError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The airlock advisory bundle: one file, read front to back.
 *
 *   offset   size  field
 *   0        8     magic, the ASCII bytes "AIRLOCKB"
 *   8        2     format version, uint16 big-endian (currently 1)
 *   10       8     signer key id, 8 raw bytes (its hex form is the first 16 hex digits
 *                  of sha256 over the signer's raw 32-byte Ed25519 public key)
 *   18       4     manifest length M, uint32 big-endian, 2 ≤ M ≤ 1 MiB
 *   22       M     manifest: canonical JSON (sorted keys, no whitespace), UTF-8
 *   22+M     64    Ed25519 signature over bytes [0, 22+M) — magic, version, key id,
 *                  length and manifest, so no header byte can change unnoticed
 *   86+M     P     payload: the SQLite advisory database compressed with
 *                  manifest.payload.compression; P = manifest.payload.length and the
 *                  file ends exactly there (a shorter file is truncated, a longer one padded)
 *
 * The key id sits outside the manifest so that a verifier can name an unknown signer and
 * check the signature before it parses a single byte of JSON; the manifest repeats it
 * (`signer`) and the two must agree. The payload is bound to the signature through
 * `payload.sha256` (over the compressed bytes), checked before decompression, and
 * decompression stops at `payload.uncompressedLength`.
 *
 * Compression is brotli from node:zlib (quality 9, 16 MiB window): on the advisory database
 * built from the KEV catalogue it is ~16% smaller than gzip -9 (54.5 kB vs 65.0 kB of
 * 426 kB), the bytes that cross the air gap shrink accordingly, and it decompresses as fast.
 * No extra dependency. gzip is read too (`"compression": "gzip"`), for tools that lack brotli.
 */
export const BUNDLE_MAGIC = Buffer.from('AIRLOCKB', 'ascii');
export const BUNDLE_FORMAT_VERSION = 1;
export const HEADER_FIXED_LENGTH = 22;
export const SIGNATURE_LENGTH = 64;
export const MAX_MANIFEST_LENGTH = 1024 * 1024;
/** Refuse absurd declared sizes before allocating or writing anything (64 GiB). */
export const MAX_UNCOMPRESSED_LENGTH = 64 * 1024 ** 3;
export type Compression = 'br' | 'gzip';

export interface BundleSource {
  name: string;
  records: number;
  warnings: number;
  dataDate?: string;
}

export interface BundleManifest {
  formatVersion: number;
  schemaVersion: number;
  /** Strictly increasing across published bundles; import refuses one not above the installed. */
  sequence: number;
  created: string;
  expires: string;
  sources: BundleSource[];
  payload: { sha256: string; length: number; uncompressedLength: number; compression: Compression };
  minAirlockVersion: string;
  signer: string;
}

/** The bytes before the payload, as read from a file; nothing in it is trusted yet. */
export interface BundleHead {
  formatVersion: number;
  keyId: string;
  manifestBytes: Buffer;
  signedBytes: Buffer;
  signature: Buffer;
  payloadOffset: number;
  fileSize: number;
}

export function encodeBundleHead(keyId: string, manifest: BundleManifest, sign: (data: Buffer) => Buffer): Buffer {
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const fixed = Buffer.alloc(HEADER_FIXED_LENGTH);
  BUNDLE_MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(manifest.formatVersion, 8);
  Buffer.from(keyId, 'hex').copy(fixed, 10);
  fixed.writeUInt32BE(manifestBytes.length, 18);
  const signed = Buffer.concat([fixed, manifestBytes]);
  return Buffer.concat([signed, sign(signed)]);
}

export async function readBundleHead(file: string, handle: FileHandle): Promise<BundleHead> {
  const fileSize = (await handle.stat()).size;
  const fixed = await readExactly(handle, 0, HEADER_FIXED_LENGTH);
  if (fixed.length >= 8 && !fixed.subarray(0, 8).equals(BUNDLE_MAGIC))
    throw new InputError(file, 'not an airlock bundle (the file does not start with AIRLOCKB)');
  if (fixed.length < HEADER_FIXED_LENGTH)
    throw new InputError(file, `truncated: ${fileSize} bytes, ends inside the bundle header`);
  const formatVersion = fixed.readUInt16BE(8);
  if (formatVersion !== BUNDLE_FORMAT_VERSION)
    throw new InputError(
      file,
      `bundle format version ${formatVersion} is not supported (this airlock reads version ${BUNDLE_FORMAT_VERSION})`,
      { hint: 'upgrade airlock' },
    );
  const manifestLength = fixed.readUInt32BE(18);
  if (manifestLength < 2 || manifestLength > MAX_MANIFEST_LENGTH)
    throw new InputError(file, `manifest length ${manifestLength} is outside 2..${MAX_MANIFEST_LENGTH} bytes`);
  const rest = await readExactly(handle, HEADER_FIXED_LENGTH, manifestLength + SIGNATURE_LENGTH);
  if (rest.length < manifestLength + SIGNATURE_LENGTH)
    throw new InputError(file, `truncated: ${fileSize} bytes, ends inside the manifest or signature`);
  const manifestBytes = rest.subarray(0, manifestLength);
  return {
    formatVersion,
    keyId: fixed.subarray(10, 18).toString('hex'),
    manifestBytes,
    signedBytes: Buffer.concat([fixed, manifestBytes]),
    signature: rest.subarray(manifestLength),
    payloadOffset: HEADER_FIXED_LENGTH + manifestLength + SIGNATURE_LENGTH,
    fileSize,
  };
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Parses manifest bytes that already passed the signature check; still validates every field. */
export function parseManifest(
  file: string,
  bytes: Buffer,
  head: { formatVersion: number; keyId: string },
): BundleManifest {
  const bad = (detail: string) => new InputError(file, `invalid manifest: ${detail}`);
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('not valid JSON');
  }
  if (canonicalJson(value) !== text) throw bad('not in canonical form (sorted keys, no whitespace)');
  const m = value as BundleManifest;
  const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  const isDate = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw bad('not a JSON object');
  if (m.formatVersion !== head.formatVersion)
    throw bad(`formatVersion ${m.formatVersion} differs from the header's ${head.formatVersion}`);
  if (!isCount(m.schemaVersion) || m.schemaVersion < 1) throw bad('schemaVersion must be a positive integer');
  if (!isCount(m.sequence)) throw bad('sequence must be a non-negative integer');
  if (!isDate(m.created) || !isDate(m.expires)) throw bad('created and expires must be dates');
  if (Date.parse(m.expires) <= Date.parse(m.created)) throw bad('expires is not after created');
  if (!Array.isArray(m.sources)) throw bad('sources must be a list');
  for (const s of m.sources) {
    if (
      !s ||
      typeof s.name !== 'string' ||
      !isCount(s.records) ||
      !isCount(s.warnings) ||
      (s.dataDate !== undefined && typeof s.dataDate !== 'string')
    ) {
      throw bad(`source entry ${JSON.stringify(s)} needs name, records, warnings and an optional dataDate`);
    }
  }
  const p = m.payload;
  if (!p || typeof p !== 'object') throw bad('payload missing');
  if (typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256))
    throw bad('payload.sha256 must be 64 lowercase hex digits');
  if (!isCount(p.length) || p.length < 1) throw bad('payload.length must be a positive integer');
  if (!isCount(p.uncompressedLength) || p.uncompressedLength < 1 || p.uncompressedLength > MAX_UNCOMPRESSED_LENGTH)
    throw bad(`payload.uncompressedLength must be 1..${MAX_UNCOMPRESSED_LENGTH}`);
  if (p.compression !== 'br' && p.compression !== 'gzip')
    throw bad(`payload.compression ${JSON.stringify(p.compression)} is not br or gzip`);
  if (typeof m.minAirlockVersion !== 'string' || !semver.valid(m.minAirlockVersion))
    throw bad('minAirlockVersion must be a semantic version');
  if (m.signer !== head.keyId) throw bad(`signer ${m.signer} differs from the header's key id ${head.keyId}`);
  return m;
}
