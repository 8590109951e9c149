/**
 * BuildKit SBOM attestations (`docker buildx build --sbom=true`): an image index carries,
 * beside each image manifest, an attestation manifest (platform unknown/unknown,
 * `vnd.docker.reference.type: attestation-manifest`, `vnd.docker.reference.digest` = the
 * image manifest) whose layers are in-toto Statements; the one with predicate type
 * `https://spdx.dev/Document` is the image's SBOM, made at build time from the final
 * filesystem. Finding it needs only the index and two small blobs, never a layer.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { blobPath, isObject, jsonDetail, parseDescriptor, type Descriptor } from './oci-types.js';
import { parseStrictJson } from './integrity/strict-json.js';
import { findAttestationManifests } from './resolve-oci.js';

const IN_TOTO = 'application/vnd.in-toto+json';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
/** SPDX first: it is what BuildKit writes; a CycloneDX predicate is read the same way. */
const SBOM_PREDICATES = [/^https:\/\/spdx\.dev\/Document/, /^https:\/\/cyclonedx\.org\/bom/];
/** Generous: the SPDX document of a large image runs to tens of megabytes. */
const MAX_STATEMENT_BYTES = 512 << 20;

export interface FoundAttestation {
  /** The attestation manifest's digest. */
  manifestDigest: string;
  /** The in-toto layer's digest and predicate type. */
  layerDigest: string;
  predicateType: string;
  /** The parsed in-toto Statement. */
  statement: Record<string, unknown>;
}

/**
 * The SBOM attestation of the image manifest `imageDigest`, if the archive has one.
 * A docker save archive whose index points at blobs it does not hold has none to offer.
 */
export async function findSbomAttestation(
  archive: Archive,
  imageDigest: string,
): Promise<FoundAttestation | undefined> {
  let manifests;
  try {
    manifests = await findAttestationManifests(archive);
  } catch {
    return undefined;
  }
  for (const m of manifests.filter((a) => a.subject === imageDigest)) {
    const layers = Array.isArray(m.manifest.layers) ? m.manifest.layers : [];
    const descriptors = layers.map((l, i) =>
      parseDescriptor(archive.label, l, `attestation manifest ${m.descriptor.digest} layers[${i}]`),
    );
    for (const predicate of SBOM_PREDICATES) {
      const layer = descriptors.find(
        (d) => d.mediaType === IN_TOTO && predicate.test(d.annotations?.[PREDICATE_TYPE] ?? ''),
      );
      if (layer) return read(archive, m.descriptor.digest, layer);
    }
  }
  return undefined;
}

async function read(archive: Archive, manifestDigest: string, layer: Descriptor): Promise<FoundAttestation> {
  const path = blobPath(layer.digest);
  const where = `SBOM attestation ${layer.digest}`;
  if (!archive.has(path))
    throw new InputError(archive.label, `${where} is missing from the archive`, {
      hint: 'pass --ignore-attestations to read the layers instead',
    });
  const data = await archive.readSmall(path, MAX_STATEMENT_BYTES);
  const [alg, hex] = layer.digest.split(':');
  if (createHash(alg).update(data).digest('hex') !== hex)
    throw new InputError(archive.label, `${where} does not match its digest`, {
      hint: 'pass --ignore-attestations to read the layers instead',
    });
  let statement: unknown;
  try {
    statement = parseStrictJson(data.toString('utf8'));
  } catch (err) {
    throw new InputError(archive.label, `${where} is not valid JSON${jsonDetail(err)}`, {
      cause: err,
      hint: 'pass --ignore-attestations to read the layers instead',
    });
  }
  if (!isObject(statement)) throw new InputError(archive.label, `${where} is not an in-toto statement`);
  return {
    manifestDigest,
    layerDigest: layer.digest,
    predicateType: layer.annotations?.[PREDICATE_TYPE] ?? '',
    statement,
  };
}

/**
 * The predicate types of every in-toto attestation the archive holds for the image
 * manifest `imageDigest` (SBOM, SLSA provenance …), read from the attestation manifests'
 * layer annotations alone: no statement is opened. Empty for an archive without an index
 * (classic docker save), undefined when the index cannot be read for it.
 */
export async function attestationTypes(
  archive: Archive,
  imageDigest: string | undefined,
): Promise<string[] | undefined> {
  if (!archive.has('index.json')) return [];
  if (!imageDigest) return undefined;
  try {
    const manifests = await findAttestationManifests(archive);
    const types = new Set<string>();
    for (const m of manifests.filter((a) => a.subject === imageDigest)) {
      const layers = Array.isArray(m.manifest.layers) ? m.manifest.layers : [];
      for (const l of layers) {
        const type = isObject(l) && isObject(l.annotations) ? l.annotations[PREDICATE_TYPE] : undefined;
        if (typeof type === 'string' && type !== '') types.add(type);
      }
    }
    return [...types].sort();
  } catch {
    return undefined;
  }
}
