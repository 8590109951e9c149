import { buildImageParts, sha256, tarOf, type TreeEntry } from './image-builder.js';

/** A `docker save first:1 second:2` archive: two images side by side in one manifest.json. */
export async function twoImageDockerTar(): Promise<Buffer> {
  const entries: TreeEntry[] = [];
  const manifest: object[] = [];
  for (const [tag, text] of [
    ['first:1', 'first'],
    ['second:2', 'second'],
  ]) {
    const img = await buildImageParts({ layers: [[{ path: 'etc/which', content: text }]] });
    const id = sha256(img.layerTars[0]);
    entries.push(
      { path: `${id}/layer.tar`, content: img.layerTars[0] },
      { path: `${img.configDigest}.json`, content: img.config },
    );
    manifest.push({ Config: `${img.configDigest}.json`, RepoTags: [tag], Layers: [`${id}/layer.tar`] });
  }
  entries.push({ path: 'manifest.json', content: JSON.stringify(manifest) });
  return tarOf(entries);
}
