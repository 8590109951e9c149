/**
 * An image's SBOM from its BuildKit attestation: the packages and distribution come from
 * the attested document, the image facts (digests, diff_ids, history, platform) from the
 * image's own manifest and config, and no layer is read.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseSbomJson, statementSubjects } from '../sbom/formats/decode.js';
import type { Sbom } from '../sbom/model.js';
import { describeLayers, imageMeta } from './analyze.js';
import { attestationTypes, findSbomAttestation } from './attestation.js';
import { sniffCompression } from './decompress.js';
import { openArchive } from './open-archive.js';
import { resolveImage, type ImageSelection } from './resolve.js';
import { BLOCK, looksLikeTarHeader } from './tar/header.js';

export interface AttestedSbom {
  sbom: Sbom;
  /** The tools the attested document names as its creators (`buildkit-v0.17.2`, `syft-v0.105.0`). */
  creators: string[];
}

/**
 * The SBOM attested for the selected image; undefined when there is none, or when the
 * archive is compressed as a whole (finding out would cost the full decompression that
 * reading the layers costs anyway).
 */
export async function sbomFromAttestation(
  input: string,
  selection: ImageSelection,
  now = new Date(),
): Promise<AttestedSbom | undefined> {
  if (isCompressedFile(input)) return undefined;
  const { archive, isDirectory } = await openArchive(input, () => undefined);
  try {
    if (!archive.has('index.json')) return undefined;
    const resolved = await resolveImage(archive, selection);
    if (!resolved.manifestDigest) return undefined;
    const found = await findSbomAttestation(archive, resolved.manifestDigest);
    if (!found) return undefined;
    const subjects = statementSubjects(found.statement);
    if (subjects.length > 0 && !subjects.includes(resolved.manifestDigest)) {
      throw new InputError(
        input,
        `SBOM attestation ${found.layerDigest} is about ${subjects.join(', ')}, not the image ${resolved.manifestDigest}`,
        { hint: 'pass --ignore-attestations to read the layers instead' },
      );
    }
    const attested = parseSbomJson(found.statement, `${input} (SBOM attestation ${found.layerDigest.slice(0, 19)})`, {
      source: input,
      now,
      allowEmpty: true,
    });
    const attestations = await attestationTypes(archive, resolved.manifestDigest);
    const meta = imageMeta(input, isDirectory, resolved, describeLayers(archive, resolved));
    const sbom: Sbom = { ...attested, image: attestations ? { ...meta, attestations } : meta };
    return { sbom, creators: creatorsOf(found.statement) };
  } finally {
    await archive.close();
  }
}

function creatorsOf(statement: Record<string, unknown>): string[] {
  const predicate = statement.predicate as { creationInfo?: { creators?: unknown } } | undefined;
  const creators = Array.isArray(predicate?.creationInfo?.creators) ? predicate.creationInfo.creators : [];
  return creators
    .filter((c): c is string => typeof c === 'string' && c.startsWith('Tool:'))
    .map((c) => c.slice('Tool:'.length).trim());
}

function isCompressedFile(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return false;
  } catch {
    return false; // openArchive reports the missing file
  }
  const head = Buffer.alloc(BLOCK);
  const fd = openSync(path, 'r');
  try {
    const got = readSync(fd, head, 0, BLOCK, 0);
    const kind = sniffCompression(head.subarray(0, got), got === BLOCK && looksLikeTarHeader(head));
    return kind === 'gzip' || kind === 'zstd';
  } finally {
    closeSync(fd);
  }
}
