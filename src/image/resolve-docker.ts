import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { parseConfig } from './config.js';
import { isObject, jsonDetail, readJson, checkDigest } from './oci-types.js';
import { parseStrictJson } from './integrity/strict-json.js';
import { safeArchivePath } from './paths.js';
import { sameReference } from './reference.js';
import { checkLayerCount, type ImageSelection, type ResolvedImage } from './resolved.js';
import { createHash } from 'node:crypto';

interface DockerEntry {
  config: string;
  repoTags: string[];
  layers: string[];
}

function memberPath(label: string, value: unknown, where: string): string {
  const path = typeof value === 'string' ? safeArchivePath(value) : undefined;
  if (!path)
    throw new InputError(
      label,
      `manifest.json ${where} names a path outside the archive: ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  return path;
}

function parseEntries(label: string, json: unknown): DockerEntry[] {
  if (!Array.isArray(json) || json.length === 0)
    throw new InputError(label, 'manifest.json is not a non-empty array of images');
  return json.map((raw, i) => {
    if (!isObject(raw) || !Array.isArray(raw.Layers))
      throw new InputError(label, `manifest.json entry ${i} has no Layers list`);
    return {
      config: memberPath(label, raw.Config, `entry ${i} Config`),
      repoTags: Array.isArray(raw.RepoTags) ? raw.RepoTags.filter((t): t is string => typeof t === 'string') : [],
      layers: raw.Layers.map((l, j) => memberPath(label, l, `entry ${i} Layers[${j}]`)),
    };
  });
}

/** The `docker save` layouts: classic (`<id>/layer.tar`) and Docker 25+ (OCI blobs + manifest.json). */
export async function resolveDockerManifest(
  archive: Archive,
  selection: ImageSelection,
  format: 'docker-archive' | 'docker-archive-oci',
): Promise<ResolvedImage> {
  const entries = parseEntries(archive.label, await readJson(archive, 'manifest.json', 'manifest.json'));
  let chosen: DockerEntry;
  if (selection.image) {
    const matches = entries.filter((e) => e.repoTags.some((t) => sameReference(t, selection.image!)));
    if (matches.length !== 1) throw notFound(archive.label, selection.image, entries);
    chosen = matches[0];
  } else if (entries.length === 1) {
    chosen = entries[0];
  } else {
    throw new InputError(
      archive.label,
      `holds ${entries.length} images; choose one with --image: ${listImages(entries)}`,
    );
  }
  const configData = await archive.readSmall(chosen.config);
  let configJson: unknown;
  try {
    configJson = parseStrictJson(configData.toString('utf8'));
  } catch (err) {
    throw new InputError(archive.label, `image config ${chosen.config} is not valid JSON${jsonDetail(err)}`, {
      cause: err,
    });
  }
  const config = parseConfig(archive.label, configJson);
  checkLayerCount(archive.label, config, chosen.layers.length);
  for (const layer of chosen.layers)
    if (!archive.has(layer)) throw new InputError(archive.label, `layer ${layer} named by manifest.json is missing`);
  const configDigest = `sha256:${createHash('sha256').update(configData).digest('hex')}`;
  checkConfigName(archive.label, chosen.config, configDigest);
  return {
    format,
    names: chosen.repoTags,
    configDigest,
    manifestDigest: format === 'docker-archive-oci' ? await dockerOciManifestDigest(archive, configDigest) : undefined,
    config,
    layers: chosen.layers.map((member) => ({ member, digest: digestFromBlobPath(member) })),
    annotations: {},
  };
}

function digestFromBlobPath(member: string): string | undefined {
  const m = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(member);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

/** In Docker 25+ archives the OCI index names the manifest; find the one whose config we picked. */
async function dockerOciManifestDigest(archive: Archive, configDigest: string): Promise<string | undefined> {
  try {
    const index = await readJson(archive, 'index.json', 'index.json');
    if (!isObject(index) || !Array.isArray(index.manifests)) return undefined;
    for (const desc of index.manifests) {
      if (!isObject(desc)) continue;
      const digest = checkDigest(archive.label, desc.digest, 'index.json');
      const manifest = await readJson(archive, `blobs/${digest.replace(':', '/')}`, 'manifest');
      if (isObject(manifest) && isObject(manifest.config) && manifest.config.digest === configDigest) return digest;
    }
  } catch {
    // The legacy manifest.json is authoritative; the OCI side only adds the digest.
  }
  return undefined;
}

function listImages(entries: DockerEntry[]): string {
  return entries
    .map((e, i) => (e.repoTags.length ? e.repoTags.join(', ') : `(untagged image ${i + 1}, config ${e.config})`))
    .join('; ');
}

function notFound(label: string, wanted: string, entries: DockerEntry[]): InputError {
  return new InputError(label, `has no image named ${wanted}; it holds: ${listImages(entries)}`);
}

/**
 * `docker save` names the config by its digest (`<hex>.json`, or `blobs/sha256/<hex>` in
 * Docker 25+ archives): a config whose bytes do not hash to its name was altered.
 */
function checkConfigName(label: string, name: string, digest: string): void {
  const named = /^(?:blobs\/sha256\/)?([0-9a-f]{64})(?:\.json)?$/.exec(name)?.[1];
  if (named !== undefined && `sha256:${named}` !== digest) {
    throw new InputError(
      label,
      `image config ${name} does not match the digest in its name (its bytes hash to ${digest.slice(0, 19)}…)`,
      {
        hint: 'the archive was altered after it was written; get a fresh copy from its source',
      },
    );
  }
}
