import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { parseConfig } from './config.js';
import { resolveDockerManifest } from './resolve-docker.js';
import { resolveOciIndex } from './resolve-oci.js';
import type { ImageSelection, ResolvedImage } from './resolved.js';

export type { ImageSelection, LayerRef, ResolvedImage } from './resolved.js';
export { checkLayerCount } from './resolved.js';

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
  throw new InputError(
    archive.label,
    'neither a docker save archive (no manifest.json) nor an OCI image layout (no index.json)',
    {
      hint: 'airlock reads `docker save`, `skopeo copy ... oci-archive:` or `docker-archive:` tarballs and OCI layout directories',
    },
  );
}

export { parseConfig };
