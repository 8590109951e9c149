import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImageMeta, Layer } from '../../../sbom/model.js';
import type { CatalogContext, WantedFile } from '../../types.js';

/**
 * Test scaffolding: the files OS catalogers read, extracted with tar(1) from the real
 * single-layer image in ../shared/images, so tests run on real data without depending
 * on the image reader.
 */
export const REAL_IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
export const REAL_TRUTH = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.truth');

const MEMBERS = ['var/lib/dpkg/status', 'usr/lib/os-release', 'etc/debian_version', 'usr/share/doc'];

export interface ExtractedImage {
  root: string;
  layer: Layer;
  meta: ImageMeta;
  cleanup(): void;
}

function blob(archive: string, digest: string): Buffer {
  return execFileSync('tar', ['-xOf', archive, `blobs/sha256/${digest.replace(/^sha256:/, '')}`], {
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function extractRealImage(): ExtractedImage {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-real-image-'));
  const index = JSON.parse(execFileSync('tar', ['-xOf', REAL_IMAGE, 'index.json']).toString('utf8'));
  const manifestDigest: string = index.manifests[0].digest;
  const manifest = JSON.parse(blob(REAL_IMAGE, manifestDigest).toString('utf8'));
  const config = JSON.parse(blob(REAL_IMAGE, manifest.config.digest).toString('utf8'));
  const layerBlob = path.join(root, 'layer.tar.gz');
  execFileSync('sh', [
    '-c',
    `tar -xOf "$1" "blobs/sha256/$2" > "$3"`,
    'sh',
    REAL_IMAGE,
    manifest.layers[0].digest.slice(7),
    layerBlob,
  ]);
  execFileSync('tar', ['-xzf', layerBlob, '-C', root, ...MEMBERS]);
  rmSync(layerBlob);
  const layer: Layer = {
    index: 0,
    diffId: config.rootfs.diff_ids[0],
    digest: manifest.layers[0].digest,
    size: manifest.layers[0].size,
    mediaType: manifest.layers[0].mediaType,
    createdBy: config.history[0].created_by,
    created: config.history[0].created,
  };
  const meta: ImageMeta = {
    source: REAL_IMAGE,
    format: 'oci-archive',
    names: [`debian-bookworm-minbase:${index.manifests[0].annotations['org.opencontainers.image.ref.name']}`],
    manifestDigest,
    configDigest: manifest.config.digest,
    platform: { os: config.os, architecture: config.architecture },
    created: config.created,
    layers: [layer],
    labels: {},
    annotations: {},
    history: config.history.map((h: { created_by?: string; created?: string; empty_layer?: boolean }) => ({
      createdBy: h.created_by,
      created: h.created,
      emptyLayer: h.empty_layer === true,
    })),
  };
  return { root, layer, meta, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The single-layer catalog context of the extracted files that `wants` selects. */
export function realImageContext(image: ExtractedImage, wants: (p: string) => boolean): CatalogContext {
  const files: WantedFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const imagePath = `/${path.relative(image.root, full)}`;
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && wants(imagePath))
        files.push({ path: imagePath, content: readFileSync(full), layer: image.layer });
    }
  };
  walk(image.root);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    history: (p) => files.filter((f) => f.path === p).map((f) => ({ layer: f.layer, content: f.content })),
  };
}
