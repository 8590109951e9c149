/**
 * Builds real image archives from small directory trees, in every layout airlock
 * reads, so tests exercise the same bytes Docker, skopeo and buildx write.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';

export interface TreeEntry {
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

export type Compression = 'none' | 'gzip' | 'zstd';

export interface ImageSpec {
  layers: TreeEntry[][];
  compression?: Compression;
  repoTags?: string[];
  createdBy?: string[];
  platform?: { os: string; architecture: string; variant?: string };
  labels?: Record<string, string>;
  /** Layer tars as given bytes instead of built from `layers` (the fuzzer's mutated tars); diff_ids follow them. */
  layerTars?: Buffer[];
  /** Blobs as given bytes instead of compressed from the tars (a corrupt gzip stream); digests follow them. */
  layerBlobs?: Buffer[];
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Every member gets the same mtime: tar-stream would stamp the current second, and then
 * the same tree built twice across a second boundary would get another diff_id.
 */
const MTIME = new Date('2026-11-24T10:00:00Z');

/** A tar archive of the given members, written with tar-stream (ustar + PAX as needed). */
export async function tarOf(entries: TreeEntry[]): Promise<Buffer> {
  const pack = tarPack();
  const chunks: Buffer[] = [];
  // tar-stream's typings give chunks as unknown; a pack stream emits Buffers.
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? (e.content !== undefined ? 'file' : 'dir');
    const mtime = MTIME;
    if (type === 'file') {
      const body = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content ?? '');
      pack.entry({ name: e.path, type: 'file', mode: e.mode ?? 0o644, size: body.length, mtime }, body);
    } else if (type === 'dir') pack.entry({ name: e.path, type: 'directory', mode: e.mode ?? 0o755, mtime });
    else if (type === 'symlink') pack.entry({ name: e.path, type: 'symlink', linkname: e.linkname!, mtime });
    else pack.entry({ name: e.path, type: 'link', linkname: e.linkname!, mtime });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function compress(data: Buffer, compression: Compression): Buffer {
  if (compression === 'gzip') return gzipSync(data);
  if (compression === 'zstd') return execFileSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 1 << 30 });
  return data;
}

export interface BuiltImage {
  config: Buffer;
  configDigest: string;
  layerTars: Buffer[];
  layerBlobs: Buffer[];
  manifest: Buffer;
  manifestDigest: string;
}

export const MEDIA = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};

/** An image config over these diff_ids, one history step a layer (`RUN step N` unless named). */
export function imageConfig(
  diffIds: string[],
  options: { platform?: ImageSpec['platform']; labels?: Record<string, string>; createdBy?: string[] } = {},
): Buffer {
  const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
  return Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      created: '2026-11-24T10:00:00Z',
      config: { Labels: options.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map((_, i) => ({
        created: '2026-11-24T10:00:00Z',
        created_by: options.createdBy?.[i] ?? `RUN step ${i + 1}`,
      })),
    }),
  );
}

/** The image manifest over a config and layer blobs as stored, each blob described by its true digest. */
export function imageOfBlobs(
  config: Buffer,
  layerBlobs: Buffer[],
  layerMediaType: string,
  layerTars: Buffer[] = layerBlobs,
): BuiltImage {
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${sha256(config)}`,
        size: config.length,
      },
      layers: layerBlobs.map((b) => ({ mediaType: layerMediaType, digest: `sha256:${sha256(b)}`, size: b.length })),
    }),
  );
  return { config, configDigest: sha256(config), layerTars, layerBlobs, manifest, manifestDigest: sha256(manifest) };
}

export async function buildImageParts(spec: ImageSpec): Promise<BuiltImage> {
  const compression = spec.compression ?? 'none';
  const layerTars = spec.layerTars ?? (await Promise.all(spec.layers.map((l) => tarOf(l))));
  const layerBlobs = spec.layerBlobs ?? layerTars.map((t) => compress(t, compression));
  const config = imageConfig(
    layerTars.map((t) => `sha256:${sha256(t)}`),
    { platform: spec.platform, labels: spec.labels, createdBy: spec.createdBy },
  );
  return imageOfBlobs(config, layerBlobs, MEDIA[compression], layerTars);
}

export function tempDir(prefix = 'airlock-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Classic `docker save` (Docker ≤ 24): `<id>/layer.tar`, `<config>.json`, manifest.json, repositories. */
export async function dockerClassicTar(spec: ImageSpec): Promise<Buffer> {
  const img = await buildImageParts({ ...spec, compression: 'none' });
  const entries: TreeEntry[] = [];
  const layerPaths: string[] = [];
  img.layerTars.forEach((tar, i) => {
    const id = sha256(`layer-${i}-${sha256(tar)}`);
    entries.push(
      { path: `${id}/`, type: 'dir' },
      { path: `${id}/VERSION`, content: '1.0' },
      { path: `${id}/json`, content: JSON.stringify({ id }) },
      { path: `${id}/layer.tar`, content: tar },
    );
    layerPaths.push(`${id}/layer.tar`);
  });
  entries.push({ path: `${img.configDigest}.json`, content: img.config });
  entries.push({
    path: 'manifest.json',
    content: JSON.stringify([
      { Config: `${img.configDigest}.json`, RepoTags: spec.repoTags ?? ['test:latest'], Layers: layerPaths },
    ]),
  });
  return tarOf(entries);
}

/** An OCI layout's entries: every blob of the images (and any `extraBlobs`, such as nested indexes), oci-layout, index.json. */
export function ociEntries(parts: BuiltImage[], index: object, extraBlobs: Buffer[] = []): TreeEntry[] {
  const blobs = new Map<string, Buffer>();
  for (const b of extraBlobs) blobs.set(sha256(b), b);
  for (const p of parts) {
    blobs.set(p.configDigest, p.config);
    blobs.set(p.manifestDigest, p.manifest);
    for (const b of p.layerBlobs) blobs.set(sha256(b), b);
  }
  return [
    { path: 'blobs/', type: 'dir' },
    { path: 'blobs/sha256/', type: 'dir' },
    ...[...blobs].map(([hex, data]) => ({ path: `blobs/sha256/${hex}`, content: data })),
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', content: JSON.stringify(index) },
  ];
}

/** The index descriptor of an image manifest. */
export function descriptor(p: BuiltImage, extra: object = {}): object {
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${p.manifestDigest}`,
    size: p.manifest.length,
    ...extra,
  };
}

/** `skopeo copy ... oci-archive:` — blobs first, index.json last, ref name annotation. */
export async function ociArchiveTar(spec: ImageSpec, refName = 'latest'): Promise<Buffer> {
  const img = await buildImageParts(spec);
  return tarOf(
    ociEntries([img], {
      schemaVersion: 2,
      manifests: [descriptor(img, { annotations: { 'org.opencontainers.image.ref.name': refName } })],
    }),
  );
}

/** Docker 25+ `docker save`: an OCI layout with uncompressed blobs plus the legacy manifest.json. */
export async function docker25Tar(spec: ImageSpec): Promise<Buffer> {
  const img = await buildImageParts({ ...spec, compression: 'none' });
  const tags = spec.repoTags ?? ['test:latest'];
  const entries = ociEntries([img], {
    schemaVersion: 2,
    manifests: [
      descriptor(img, {
        annotations: {
          'io.containerd.image.name': `docker.io/library/${tags[0]}`,
          'org.opencontainers.image.ref.name': tags[0].split(':')[1],
        },
      }),
    ],
  });
  entries.push({
    path: 'manifest.json',
    content: JSON.stringify([
      {
        Config: `blobs/sha256/${img.configDigest}`,
        RepoTags: tags,
        Layers: img.layerBlobs.map((b) => `blobs/sha256/${sha256(b)}`),
      },
    ]),
  });
  entries.push({ path: 'repositories', content: '{}' });
  return tarOf(entries);
}

/** A multi-platform oci-archive: an index → nested image index → one manifest per platform. */
export async function multiPlatformOciTar(specs: ImageSpec[], refName: string): Promise<Buffer> {
  const parts = await Promise.all(specs.map((s) => buildImageParts(s)));
  const inner = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: parts.map((p, i) => descriptor(p, { platform: specs[i].platform })),
    }),
  );
  const innerHex = sha256(inner);
  const entries = ociEntries(parts, {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: `sha256:${innerHex}`,
        size: inner.length,
        annotations: { 'org.opencontainers.image.ref.name': refName },
      },
    ],
  });
  entries.splice(2, 0, { path: `blobs/sha256/${innerHex}`, content: inner });
  return tarOf(entries);
}

/** Unpacks an archive built above into a directory (for OCI layout directory tests). */
export function writeLayoutDir(entries: TreeEntry[], dir: string): void {
  for (const e of entries) {
    if (e.type === 'dir') mkdirSync(join(dir, e.path), { recursive: true });
    else writeFileSync(join(dir, e.path), e.content ?? '');
  }
}

export async function ociLayoutDir(spec: ImageSpec): Promise<string> {
  const img = await buildImageParts(spec);
  const dir = tempDir('airlock-layout-');
  writeLayoutDir(
    ociEntries([img], {
      schemaVersion: 2,
      manifests: [descriptor(img, { annotations: { 'org.opencontainers.image.ref.name': 'latest' } })],
    }),
    dir,
  );
  return dir;
}

export function writeTemp(data: Buffer, name: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
}
