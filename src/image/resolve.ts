import { InputError } from '../errors.js';
import type { ImageMeta } from '../sbom/model.js';
import type { Archive } from './archive.js';
import { parseConfig, type ImageConfig } from './config.js';
import { resolveDockerManifest } from './resolve-docker.js';
import { resolveOciIndex } from './resolve-oci.js';

export interface ImageSelection {
  /** `--image name:tag`: which image of a multi-image archive. */
  image?: string;
  /** `--platform os/arch[/variant]`: which platform of a multi-platform index. */
  platform?: string;
}

export interface LayerRef {
  /** Archive member holding the layer blob. */
  member: string;
  /** Digest of the blob as stored, when known. */
  digest?: string;
  mediaType?: string;
}

/** The one image picked from an archive: where its layers are, and its config. */
export interface ResolvedImage {
  format: ImageMeta['format'];
  names: string[];
  manifestDigest?: string;
  configDigest?: string;
  config: ImageConfig;
  layers: LayerRef[];
  annotations: Record<string, string>;
}

/**
 * Detects the archive's format from its layout (never from the file name) and
 * picks one image from it.
 */
export async function resolveImage(archive: Archive, selection: ImageSelection): Promise<ResolvedImage> {
  const hasOciIndex = archive.has('index.json') && archive.has('oci-layout');
  if (archive.has('manifest.json')) {
    return resolveDockerManifest(archive, selection, hasOciIndex ? 'docker-archive-oci' : 'docker-archive');
  }
  if (archive.has('index.json')) return resolveOciIndex(archive, selection);
  throw new InputError(archive.label, 'neither a docker save archive (no manifest.json) nor an OCI image layout (no index.json)', {
    hint: 'airlock reads `docker save`, `skopeo copy ... oci-archive:` or `docker-archive:` tarballs and OCI layout directories',
  });
}

export function checkLayerCount(label: string, config: ImageConfig, layers: number): void {
  if (config.diffIds.length !== layers) {
    throw new InputError(label, `the manifest lists ${layers} layers but the config has ${config.diffIds.length} diff_ids`);
  }
}

export { parseConfig };
