import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { parseConfig } from './config.js';
import {
  INDEX_MEDIA_TYPES,
  formatPlatform,
  isObject,
  parseDescriptor,
  parsePlatform,
  platformMatches,
  readBlobJson,
  readJson,
  type Descriptor,
  type Platform,
} from './oci-types.js';
import { sameReference } from './reference.js';
import { checkLayerCount, type ImageSelection, type ResolvedImage } from './resolved.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';
const MAX_INDEX_DEPTH = 4;
/** Descriptors one walk may visit: depth alone lets a few indexes fan out to millions of paths. */
export const MAX_DESCRIPTORS = 10_000;

/** Descriptors visited so far by one walk of the indexes. */
interface Walk {
  visited: number;
}

interface Candidate {
  descriptor: Descriptor;
  manifest: Record<string, unknown>;
  /** Names from the top-level descriptor that led here. */
  names: string[];
  platform?: Platform;
  annotations: Record<string, string>;
}

/** A BuildKit attestation manifest and the image manifest it is about (`vnd.docker.reference.digest`). */
export interface AttestationManifest {
  descriptor: Descriptor;
  manifest: Record<string, unknown>;
  subject?: string;
}

function namesOf(desc: Descriptor): string[] {
  const a = desc.annotations ?? {};
  return [a[CONTAINERD_NAME], a[REF_NAME]].filter((n): n is string => !!n);
}

/** Walks index → (nested indexes) → image manifests; attestation manifests go to `attestations` when asked for. */
async function collect(
  archive: Archive,
  walk: Walk,
  desc: Descriptor,
  names: string[],
  depth: number,
  out: Candidate[],
  attestations?: AttestationManifest[],
): Promise<void> {
  if (depth > MAX_INDEX_DEPTH) throw new InputError(archive.label, 'image indexes are nested too deeply');
  if (++walk.visited > MAX_DESCRIPTORS)
    throw new InputError(archive.label, `image indexes name more than ${MAX_DESCRIPTORS} manifests in all`);
  const { json } = await readBlobJson(archive, desc.digest, 'manifest');
  if (!isObject(json)) throw new InputError(archive.label, `manifest ${desc.digest} is not a JSON object`);
  const mediaType = desc.mediaType ?? (typeof json.mediaType === 'string' ? json.mediaType : undefined);
  if ((mediaType && INDEX_MEDIA_TYPES.has(mediaType)) || Array.isArray(json.manifests)) {
    const children = Array.isArray(json.manifests) ? json.manifests : [];
    for (const [i, child] of children.entries()) {
      await collect(
        archive,
        walk,
        parseDescriptor(archive.label, child, `index ${desc.digest} manifests[${i}]`),
        names,
        depth + 1,
        out,
        attestations,
      );
    }
    return;
  }
  if (desc.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') {
    attestations?.push({ descriptor: desc, manifest: json, subject: desc.annotations['vnd.docker.reference.digest'] });
    return;
  }
  if (desc.platform?.os === 'unknown') return;
  out.push({
    descriptor: desc,
    manifest: json,
    names,
    platform: desc.platform,
    annotations: { ...stringAnnotations(json), ...desc.annotations },
  });
}

function stringAnnotations(json: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(json.annotations))
    for (const [k, v] of Object.entries(json.annotations)) if (typeof v === 'string') out[k] = v;
  return out;
}

function describe(c: Candidate): string {
  return `${c.names[0] ?? c.descriptor.digest.slice(0, 19)} (${formatPlatform(c.platform)})`;
}

/** OCI image layouts: an oci-archive tarball or a layout directory. */
export async function resolveOciIndex(archive: Archive, selection: ImageSelection): Promise<ResolvedImage> {
  const index = await readJson(archive, 'index.json', 'index.json');
  if (!isObject(index) || !Array.isArray(index.manifests))
    throw new InputError(archive.label, 'index.json has no manifests list');
  let candidates: Candidate[] = [];
  const walk: Walk = { visited: 0 };
  for (const [i, raw] of index.manifests.entries()) {
    const desc = parseDescriptor(archive.label, raw, `index.json manifests[${i}]`);
    if (selection.image && !namesOf(desc).some((n) => sameReference(n, selection.image!) || n === selection.image))
      continue;
    await collect(archive, walk, desc, namesOf(desc), 0, candidates);
  }
  // An index may name one manifest along several paths: it is still one image.
  candidates = candidates.filter(
    (c, i) =>
      candidates.findIndex((o) => o.descriptor.digest === c.descriptor.digest && o.names.join() === c.names.join()) ===
      i,
  );
  if (candidates.length === 0) {
    const all = index.manifests.map(
      (m, i) => namesOf(parseDescriptor(archive.label, m, `index.json manifests[${i}]`)).join(', ') || '(unnamed)',
    );
    throw new InputError(
      archive.label,
      selection.image
        ? `has no image named ${selection.image}; it holds: ${all.join('; ')}`
        : 'index.json lists no image manifests',
    );
  }
  // Descriptors without a platform get it from their config, so --platform works either way.
  for (const c of candidates) if (!c.platform) c.platform = (await configOf(archive, c)).config.platform;
  const wanted = selection.platform ? parsePlatform(selection.platform) : undefined;
  if (wanted) {
    const matching = candidates.filter((c) => platformMatches(wanted, c.platform));
    if (!matching.length)
      throw new InputError(
        archive.label,
        `has no image for platform ${selection.platform}; it has: ${candidates.map(describe).join('; ')}`,
      );
    candidates = matching;
  } else if (candidates.length > 1) {
    const amd64 = candidates.filter((c) => platformMatches({ os: 'linux', architecture: 'amd64' }, c.platform));
    if (new Set(candidates.map((c) => c.names.join())).size === 1 && amd64.length) candidates = amd64;
  }
  if (candidates.length > 1) {
    throw new InputError(
      archive.label,
      `holds ${candidates.length} images; choose with --image and/or --platform: ${candidates.map(describe).join('; ')}`,
    );
  }
  const chosen = candidates[0];
  const { config, configDigest } = await configOf(archive, chosen);
  const layersJson = chosen.manifest.layers;
  if (!Array.isArray(layersJson))
    throw new InputError(archive.label, `manifest ${chosen.descriptor.digest} has no layers list`);
  const layers = layersJson.map((l, i) => parseDescriptor(archive.label, l, `manifest layers[${i}]`));
  checkLayerCount(archive.label, config, layers.length);
  for (const l of layers)
    if (!archive.has(`blobs/${l.digest.replace(':', '/')}`))
      throw new InputError(archive.label, `layer blob ${l.digest} is missing`);
  return {
    format: 'oci-archive', // the opener says 'oci-layout' for directories
    names: chosen.names,
    manifestDigest: chosen.descriptor.digest,
    configDigest,
    config,
    layers: layers.map((l) => ({
      member: `blobs/${l.digest.replace(':', '/')}`,
      digest: l.digest,
      mediaType: l.mediaType,
    })),
    annotations: chosen.annotations,
  };
}

/** Every attestation manifest reachable from index.json (none when the archive has no index). */
export async function findAttestationManifests(archive: Archive): Promise<AttestationManifest[]> {
  if (!archive.has('index.json')) return [];
  const index = await readJson(archive, 'index.json', 'index.json');
  if (!isObject(index) || !Array.isArray(index.manifests)) return [];
  const found: AttestationManifest[] = [];
  const walk: Walk = { visited: 0 };
  for (const [i, raw] of index.manifests.entries()) {
    await collect(archive, walk, parseDescriptor(archive.label, raw, `index.json manifests[${i}]`), [], 0, [], found);
  }
  return found;
}

async function configOf(archive: Archive, c: Candidate) {
  if (!isObject(c.manifest.config))
    throw new InputError(archive.label, `manifest ${c.descriptor.digest} has no config`);
  const desc = parseDescriptor(archive.label, c.manifest.config, `manifest ${c.descriptor.digest} config`);
  const { json } = await readBlobJson(archive, desc.digest, 'config');
  return { config: parseConfig(archive.label, json), configDigest: desc.digest };
}
