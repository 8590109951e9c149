/**
 * Reads an SBOM document into airlock's Sbom: CycloneDX 1.4–1.6 JSON, SPDX 2.2/2.3 JSON,
 * either wrapped in an in-toto Statement (what `docker buildx --sbom` attaches) or a DSSE
 * envelope around one, or airlock's own `sbom --format json`. Every failure is one
 * InputError naming the file.
 */
import { InputError } from '../../errors.js';
import type { Sbom } from '../model.js';
import { readCycloneDx } from './cyclonedx/decode.js';
import { draftToSbom } from './draft.js';
import { asArray, asObject, asString, type Json } from './json.js';
import { readNativeSbom } from './native/decode.js';
import { readSpdx } from './spdx/decode.js';

export interface ParseOptions {
  /** What the user passed (`sbom:app.cdx.json`), kept as the SBOM's source. */
  source?: string;
  now?: Date;
  /** An SBOM that lists nothing is fine (an attestation of a FROM scratch image); a file given by hand is refused. */
  allowEmpty?: boolean;
}

export function parseSbomText(text: string, file: string, options: ParseOptions = {}): Sbom {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(
      file,
      `is not JSON (${(err as Error).message}); airlock reads CycloneDX and SPDX JSON documents`,
    );
  }
  return parseSbomJson(json, file, options);
}

export function parseSbomJson(json: unknown, file: string, options: ParseOptions = {}): Sbom {
  const source = options.source ?? file;
  const now = options.now ?? new Date();
  const doc = unwrap(asObject(json), file);
  if (doc.bomFormat === 'CycloneDX')
    return draftToSbom(readCycloneDx(doc, file), file, source, now, options.allowEmpty);
  if (typeof doc.spdxVersion === 'string')
    return draftToSbom(readSpdx(doc, file), file, source, now, options.allowEmpty);
  if (doc.schemaVersion === 1 && asString(asObject(doc.tool)?.name) === 'airlock')
    return readNativeSbom(doc, file, source);
  if (doc['@context'] !== undefined)
    throw new InputError(file, 'looks like SPDX 3 (JSON-LD), which airlock does not read yet; export SPDX 2.3 JSON');
  throw new InputError(
    file,
    'is neither a CycloneDX JSON document (bomFormat) nor an SPDX JSON document (spdxVersion)',
  );
}

const STATEMENT = /^https:\/\/in-toto\.io\/Statement\/v[\d.]+$/;

/** The document inside an in-toto Statement or a DSSE envelope; the document itself otherwise. */
function unwrap(json: Json | undefined, file: string, depth = 0): Json {
  if (!json) throw new InputError(file, 'is not a JSON object');
  if (depth < 2 && asString(json.payloadType) === 'application/vnd.in-toto+json' && asString(json.payload)) {
    try {
      return unwrap(
        asObject(JSON.parse(Buffer.from(json.payload as string, 'base64').toString('utf8'))),
        file,
        depth + 1,
      );
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(file, `DSSE envelope payload is not base64 JSON (${(err as Error).message})`);
    }
  }
  if (depth < 2 && STATEMENT.test(asString(json._type) ?? '')) {
    const predicate = asObject(json.predicate);
    if (!predicate)
      throw new InputError(
        file,
        `in-toto statement (${asString(json.predicateType) ?? 'no predicateType'}) has no predicate object`,
      );
    if (!/spdx|cyclonedx/i.test(asString(json.predicateType) ?? '')) {
      throw new InputError(
        file,
        `in-toto statement's predicate is ${asString(json.predicateType) ?? 'untyped'}, not an SBOM (SPDX or CycloneDX)`,
      );
    }
    return unwrap(predicate, file, depth + 1);
  }
  return json;
}

/** The subject digests of an in-toto Statement (`sha256:<hex>`), for checking what it is about. */
export function statementSubjects(json: unknown): string[] {
  return asArray(asObject(json)?.subject)
    .map((s) => asString(asObject(asObject(s)?.digest)?.sha256))
    .filter((hex): hex is string => !!hex && /^[a-f0-9]{64}$/.test(hex))
    .map((hex) => `sha256:${hex}`);
}
