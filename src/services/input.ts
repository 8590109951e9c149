/**
 * What an image argument means, for every command that matches: `sbom:FILE` is a
 * CycloneDX or SPDX document; an existing path is an image tarball or layout directory
 * (read from its BuildKit SBOM attestation when it has one, else from its layers);
 * anything else is a stored image, by name or digest prefix, read from the snapshot
 * store with no tarball at all.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { statePaths } from '../config/paths.js';
import { InputError, UserError } from '../errors.js';
import type { AnalyzeOptions } from '../image/analyze.js';
import { sbomFromAttestation, type AttestedSbom } from '../image/attestation-sbom.js';
import type { Sbom } from '../sbom/model.js';
import { parseSbomText } from '../sbom/parse/index.js';
import { findOneStoredImage, findStoredImages, imageLabel, loadSbom, type StoredImage } from '../store/images.js';
import { openSnapshotStore } from '../store/open.js';
import type { SbomOrigin } from '../store/save.js';
import { generateSbom } from './sbom.js';

export interface ResolveOptions extends AnalyzeOptions {
  /** Read the layers even when the image carries an SBOM attestation. */
  ignoreAttestations?: boolean;
  /** The snapshot store; defaults to `statePaths().snapshotDb`. */
  storeFile?: string;
  now?: Date;
}

export interface ResolvedSbom {
  sbom: Sbom;
  /** How this SBOM was made now; `stored` when it came from the snapshot store. */
  origin: SbomOrigin | 'stored';
  /** The stored image, when `origin` is `stored`. */
  stored?: StoredImage;
  /** What the reader must know about where the SBOM came from (attestation, stale snapshot). */
  notices: string[];
}

const SBOM_PREFIX = 'sbom:';

export async function resolveSbom(input: string, options: ResolveOptions = {}): Promise<ResolvedSbom> {
  const now = options.now ?? new Date();
  if (input.startsWith(SBOM_PREFIX)) return { sbom: await readSbomFile(input, now), origin: 'sbom-file', notices: [] };
  if (existsSync(input)) {
    if (!options.ignoreAttestations) {
      const attested = await sbomFromAttestation(input, { image: options.image, platform: options.platform }, now);
      if (attested) return { sbom: attested.sbom, origin: 'attestation', notices: [attestationNotice(attested)] };
    }
    const sbom = await generateSbom(input, { image: options.image, platform: options.platform, allowDiffIdMismatch: options.allowDiffIdMismatch, onLayer: options.onLayer, now });
    return { sbom, origin: 'layers', notices: [] };
  }
  return readStored(input, options.storeFile ?? statePaths().snapshotDb);
}

async function readSbomFile(input: string, now: Date): Promise<Sbom> {
  const file = input.slice(SBOM_PREFIX.length);
  if (!file) throw new UserError('sbom: needs a file name', { hint: 'e.g. sbom:app.cdx.json (CycloneDX or SPDX JSON)' });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not an SBOM document' : `cannot be read (${code})`, { cause: err });
  }
  return parseSbomText(text, file, { source: input, now });
}

function attestationNotice(attested: AttestedSbom): string {
  const by = attested.creators.length > 0 ? `, made by ${attested.creators.join(', ')}` : '';
  return `SBOM taken from the image's SBOM attestation (buildx${by}), no layer was read; --ignore-attestations reads the layers`;
}

async function readStored(input: string, storeFile: string): Promise<ResolvedSbom> {
  if (!existsSync(storeFile)) {
    throw new UserError(`${input}: no such file or directory, and no image is stored yet`, { hint: 'scan an image first: airlock scan IMAGE.tar --name NAME' });
  }
  const db = await openSnapshotStore(storeFile);
  try {
    const found = await findStoredImages(db, input);
    if (found.length === 0) throw new UserError(`${input}: no such file or directory, nor a stored image`, { hint: 'airlock images lists the stored images' });
    // More than one: the ambiguity error names them.
    const stored = found.length === 1 ? found[0] : await findOneStoredImage(db, input);
    const sbom = await loadSbom(db, stored.id);
    const names = [...sbom.image.names, ...stored.names.filter((n) => !sbom.image.names.includes(n))];
    const notices: string[] = [];
    if (stored.stale.length > 0) {
      notices.push(`the stored snapshot of ${imageLabel(stored)} (scanned ${stored.scannedAt.slice(0, 10)}) was made by older catalogers (${stored.stale.join(', ')}); scan the image again to refresh it`);
    }
    return { sbom: { ...sbom, image: { ...sbom.image, source: input, names } }, origin: 'stored', stored, notices };
  } finally {
    await db.destroy();
  }
}
