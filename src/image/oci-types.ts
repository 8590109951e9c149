import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { StrictJsonError, parseStrictJson } from './integrity/strict-json.js';

/** Media types that mean "this descriptor points at an index, not an image manifest". */
export const INDEX_MEDIA_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Checks a digest string from untrusted JSON; it becomes a file name, so it must be exactly hex. */
export function checkDigest(label: string, digest: unknown, where: string): string {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new InputError(
      label,
      `${where}: digest ${JSON.stringify(digest)?.slice(0, 80)} is not a valid sha256 digest`,
    );
  }
  return digest;
}

export function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
}

/** Reads a JSON member and fails with the archive's name when it is not JSON. */
export async function readJson(archive: Archive, name: string, what: string): Promise<unknown> {
  const data = await archive.readSmall(name);
  try {
    return parseStrictJson(data.toString('utf8'));
  } catch (err) {
    throw new InputError(archive.label, `${what} (${name}) is not valid JSON${jsonDetail(err)}`, { cause: err });
  }
}

/** Reads a blob by digest and verifies that its content has that digest. */
export async function readBlobJson(
  archive: Archive,
  digest: string,
  what: string,
): Promise<{ json: unknown; size: number }> {
  const path = blobPath(digest);
  if (!archive.has(path)) throw new InputError(archive.label, `${what} blob ${digest} is missing`);
  const data = await archive.readSmall(path);
  const [alg, hex] = digest.split(':');
  const actual = createHash(alg).update(data).digest('hex');
  if (actual !== hex)
    throw new InputError(
      archive.label,
      `${what} blob ${digest} does not match its digest (content is ${alg}:${actual.slice(0, 12)}…)`,
    );
  try {
    return { json: parseStrictJson(data.toString('utf8')), size: data.length };
  } catch (err) {
    throw new InputError(archive.label, `${what} blob ${digest} is not valid JSON${jsonDetail(err)}`, { cause: err });
  }
}

/** Says why strict parsing refused a document (a repeated key, too deep); plain syntax errors need no detail. */
export function jsonDetail(err: unknown): string {
  return err instanceof StrictJsonError ? `: ${err.message}` : '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function parseDescriptor(label: string, value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw new InputError(label, `${where}: descriptor is not an object`);
  const platform =
    isObject(value.platform) && typeof value.platform.os === 'string' && typeof value.platform.architecture === 'string'
      ? {
          os: value.platform.os,
          architecture: value.platform.architecture,
          variant: typeof value.platform.variant === 'string' ? value.platform.variant : undefined,
        }
      : undefined;
  return {
    mediaType: typeof value.mediaType === 'string' ? value.mediaType : undefined,
    digest: checkDigest(label, value.digest, where),
    size: typeof value.size === 'number' ? value.size : undefined,
    platform,
    annotations: stringRecord(value.annotations),
  };
}

export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown';
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** Parses `linux/arm64/v8` (or `linux/arm64`). */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  return { os, architecture: architecture ?? '', variant };
}

export function platformMatches(want: Platform, have: Platform | undefined): boolean {
  if (!have) return false;
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return !want.variant || want.variant === have.variant;
}
