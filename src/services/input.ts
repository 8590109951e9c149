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
import { parseSbomText } from '../sbom/formats/decode.js';
import { closestWord } from '../text/closest.js';
import {
  findOneStoredImage,
  findStoredImages,
  listStoredImages,
  imageLabel,
  loadSbom,
  type StoredImage,
} from '../store/images.js';
import { openSnapshotStore } from '../store/open.js';
import type { SbomOrigin } from '../store/save.js';
import { generateSbom } from './sbom.js';
import { parseImageInput } from '../image/input-ref.js';

export interface ResolveOptions extends AnalyzeOptions {
  /** Read the layers even when the image carries an SBOM attestation. */
  ignoreAttestations?: boolean;
  /** Where `-` / `sbom://-` reads the document from (tests); default process.stdin. */
  stdin?: NodeJS.ReadableStream;
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

export async function resolveSbom(input: string, options: ResolveOptions = {}): Promise<ResolvedSbom> {
  const now = options.now ?? new Date();
  const ref = parseImageInput(input);
  if (ref.kind === 'sbom')
    return { sbom: await readSbomDocument(ref.path, input, now, options.stdin), origin: 'sbom-file', notices: [] };
  if (ref.kind !== 'auto' && !existsSync(ref.path)) throw new InputError(ref.path, 'no such file or directory');
  if (existsSync(ref.path)) {
    if (!options.ignoreAttestations && ref.kind !== 'fs') {
      const attested = await sbomFromAttestation(ref.path, { image: options.image, platform: options.platform }, now);
      if (attested) return { sbom: attested.sbom, origin: 'attestation', notices: [attestationNotice(attested)] };
    }
    const sbom = await generateSbom(input, {
      image: options.image,
      platform: options.platform,
      allowDiffIdMismatch: options.allowDiffIdMismatch,
      onLayer: options.onLayer,
      now,
    });
    return { sbom, origin: 'layers', notices: [] };
  }
  return readStored(input, options.storeFile ?? statePaths().snapshotDb);
}

/** SBOM documents on stdin are bounded like any other input: no real SBOM comes near this. */
const MAX_STDIN_BYTES = 512 << 20;

async function readSbomDocument(
  file: string,
  input: string,
  now: Date,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<Sbom> {
  if (file === '-') return parseSbomText(await readStdin(stdin), 'stdin', { source: 'stdin', now });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not an SBOM document'
          : `cannot be read (${code})`,
      { cause: err },
    );
  }
  return parseSbomText(text, file, { source: input, now });
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  if ((stdin as NodeJS.ReadStream).isTTY)
    throw new UserError('stdin is a terminal, not an SBOM document', {
      hint: 'pipe one in: airlock cves - < app.cdx.json',
    });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_STDIN_BYTES)
      throw new InputError('stdin', `SBOM document is larger than ${MAX_STDIN_BYTES >> 20} MiB`);
    chunks.push(buf);
  }
  if (size === 0)
    throw new InputError('stdin', 'is empty, not an SBOM document', {
      hint: 'pipe a CycloneDX or SPDX JSON document in',
    });
  return Buffer.concat(chunks).toString('utf8');
}

/** The file is missing; the stored image the user may have meant comes second. */
async function storedHint(db: Awaited<ReturnType<typeof openSnapshotStore>>, input: string): Promise<string> {
  const names = (await listStoredImages(db)).flatMap((image) => image.names);
  const near = closestWord(input, names);
  return `nor is it a stored image${near ? `; did you mean ${near}?` : ''} (airlock images lists them)`;
}

function attestationNotice(attested: AttestedSbom): string {
  const by = attested.creators.length > 0 ? `, made by ${attested.creators.join(', ')}` : '';
  return `SBOM taken from the image's SBOM attestation (buildx${by}), no layer was read; --ignore-attestations reads the layers`;
}

async function readStored(input: string, storeFile: string): Promise<ResolvedSbom> {
  if (!existsSync(storeFile)) {
    throw new InputError(input, 'no such file or directory', {
      hint: 'nor is it a stored image: none is stored yet (airlock scan IMAGE.tar --name NAME stores one)',
    });
  }
  const db = await openSnapshotStore(storeFile);
  try {
    const found = await findStoredImages(db, input);
    if (found.length === 0)
      throw new InputError(input, 'no such file or directory', { hint: await storedHint(db, input) });
    // More than one: the ambiguity error names them.
    const stored = found.length === 1 ? found[0] : await findOneStoredImage(db, input);
    const sbom = await loadSbom(db, stored.id);
    const names = [...sbom.image.names, ...stored.names.filter((n) => !sbom.image.names.includes(n))];
    const notices: string[] = [];
    if (stored.stale.length > 0) {
      notices.push(
        `the stored snapshot of ${imageLabel(stored)} (scanned ${stored.scannedAt.slice(0, 10)}) was made by older catalogers (${stored.stale.join(', ')}); scan the image again to refresh it`,
      );
    }
    return { sbom: { ...sbom, image: { ...sbom.image, source: input, names } }, origin: 'stored', stored, notices };
  } finally {
    await db.destroy();
  }
}
