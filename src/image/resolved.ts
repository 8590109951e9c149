/**
 * What resolving an archive yields, shared by the format readers (resolve-docker.ts,
 * resolve-oci.ts) and their dispatcher (resolve.ts): the image picked and where its layers are.
 */
import { InputError } from '../errors.js';
import type { ImageMeta } from '../sbom/model.js';
import type { ImageConfig } from './config.js';

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

export function checkLayerCount(label: string, config: ImageConfig, layers: number): void {
  if (config.diffIds.length !== layers) {
    throw new InputError(
      label,
      `the manifest lists ${layers} layers but the config has ${config.diffIds.length} diff_ids`,
    );
  }
}
