import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Validators for the encoder tests. CycloneDX: the official JSON schemas that
 * @cyclonedx/cyclonedx-library ships (bom-1.6 with its spdx and jsf references).
 * SPDX 2.3: no npm package ships the official spdx-schema.json, so `spdxProblems` checks
 * by hand what that schema requires of the parts we write, plus the cross-references a
 * schema cannot express.
 */
const require = createRequire(import.meta.url);
const schemaDir = path.join(
  path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
);
const loadSchema = (name: string) => JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8'));

let cyclonedx: ValidateFunction | undefined;

/** The CycloneDX 1.6 schema validator; formats checked with RFC 3339 / RFC 3987-level rules. */
export function cycloneDxValidator(): ValidateFunction {
  if (cyclonedx) return cyclonedx;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat(
    'date-time',
    (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  );
  // eslint-disable-next-line no-control-regex -- RFC 3987 forbids control characters in an IRI
  ajv.addFormat('iri-reference', (s: string) => !/[\s<>"{}|\\^`\u0000-\u001f]/u.test(s));
  ajv.addFormat('idn-email', (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
  // bom-1.6 refers to its siblings by their SNAPSHOT file names.
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    const schema = loadSchema(name);
    delete schema.$id;
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${name}`);
  }
  cyclonedx = ajv.compile(loadSchema('bom-1.6.SNAPSHOT.schema.json'));
  return cyclonedx;
}

/** SPDX license ids of the official list, as the CycloneDX schema package ships it. */
export function officialSpdxIds(): Set<string> {
  return new Set(loadSchema('spdx.SNAPSHOT.schema.json').enum as string[]);
}

const SPDX_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const SPDX_ID = /^SPDXRef-[a-zA-Z0-9.-]+$/;
const RELATIONSHIPS = new Set(['DESCRIBES', 'CONTAINS', 'DEPENDS_ON', 'DEPENDENCY_OF', 'OTHER']);
const PURPOSES = new Set([
  'OTHER',
  'INSTALL',
  'ARCHIVE',
  'FIRMWARE',
  'APPLICATION',
  'FRAMEWORK',
  'LIBRARY',
  'CONTAINER',
  'SOURCE',
  'DEVICE',
  'OPERATING-SYSTEM',
  'FILE',
]);
const PACKAGE_FIELDS = new Set([
  'SPDXID',
  'name',
  'versionInfo',
  'downloadLocation',
  'filesAnalyzed',
  'licenseConcluded',
  'licenseDeclared',
  'copyrightText',
  'sourceInfo',
  'externalRefs',
  'primaryPackagePurpose',
  'annotations',
  'description',
  'supplier',
  'checksums',
]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an SPDX document checked field by field, of any shape
type Json = Record<string, any>;

/** What is wrong with an SPDX 2.3 JSON document; empty when nothing is. */
export function spdxProblems(doc: Json): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, message: string) => {
    if (!ok) problems.push(message);
  };
  for (const field of ['SPDXID', 'creationInfo', 'dataLicense', 'name', 'spdxVersion', 'documentNamespace'])
    need(field in doc, `document lacks ${field}`);
  need(doc.spdxVersion === 'SPDX-2.3', 'spdxVersion is not SPDX-2.3');
  need(doc.dataLicense === 'CC0-1.0', 'dataLicense is not CC0-1.0');
  need(doc.SPDXID === 'SPDXRef-DOCUMENT', 'document SPDXID is not SPDXRef-DOCUMENT');
  need(/^https?:\/\/[^\s#]+$/.test(doc.documentNamespace), 'documentNamespace is not a URI without #');
  need(SPDX_DATE.test(doc.creationInfo?.created), 'creationInfo.created is not YYYY-MM-DDThh:mm:ssZ');
  need(
    Array.isArray(doc.creationInfo?.creators) && doc.creationInfo.creators.length > 0,
    'creationInfo.creators is empty',
  );

  const ids = new Set<string>(['SPDXRef-DOCUMENT']);
  const licenseRefs = new Set<string>((doc.hasExtractedLicensingInfos ?? []).map((l: Json) => l.licenseId));
  for (const info of doc.hasExtractedLicensingInfos ?? []) {
    need(
      /^LicenseRef-[a-zA-Z0-9.-]+$/.test(info.licenseId) && typeof info.extractedText === 'string',
      `bad extracted license ${info.licenseId}`,
    );
  }
  for (const p of doc.packages ?? []) {
    const at = `package ${p.SPDXID}`;
    for (const field of ['SPDXID', 'downloadLocation', 'name'])
      need(typeof p[field] === 'string', `${at} lacks ${field}`);
    for (const key of Object.keys(p)) need(PACKAGE_FIELDS.has(key), `${at} has unexpected field ${key}`);
    need(SPDX_ID.test(p.SPDXID), `${at} has an SPDXID outside ${SPDX_ID}`);
    need(!ids.has(p.SPDXID), `${at} is not unique`);
    ids.add(p.SPDXID);
    need(
      p.primaryPackagePurpose === undefined || PURPOSES.has(p.primaryPackagePurpose),
      `${at} has an unknown purpose`,
    );
    for (const ref of p.externalRefs ?? []) {
      need(
        ['PACKAGE-MANAGER', 'SECURITY', 'PERSISTENT-ID', 'OTHER'].includes(ref.referenceCategory),
        `${at} has a bad referenceCategory`,
      );
      need(
        typeof ref.referenceType === 'string' &&
          typeof ref.referenceLocator === 'string' &&
          !/\s/.test(ref.referenceLocator),
        `${at} has a bad external ref`,
      );
    }
    for (const a of p.annotations ?? []) {
      need(
        SPDX_DATE.test(a.annotationDate) && ['OTHER', 'REVIEW'].includes(a.annotationType) && a.annotator && a.comment,
        `${at} has a bad annotation`,
      );
    }
    for (const field of ['licenseConcluded', 'licenseDeclared']) {
      if (p[field] !== undefined)
        need(validLicenseExpression(p[field], licenseRefs), `${at} ${field} "${p[field]}" is not a valid expression`);
    }
  }
  for (const r of doc.relationships ?? []) {
    need(RELATIONSHIPS.has(r.relationshipType), `unknown relationship ${r.relationshipType}`);
    need(
      ids.has(r.spdxElementId) && ids.has(r.relatedSpdxElement),
      `relationship ${r.spdxElementId} → ${r.relatedSpdxElement} names an unknown element`,
    );
  }
  return problems;
}

/** NOASSERTION, NONE, or ids of the official list / declared LicenseRefs joined by AND/OR/WITH with parentheses. */
function validLicenseExpression(expression: string, licenseRefs: Set<string>): boolean {
  if (expression === 'NOASSERTION' || expression === 'NONE') return true;
  const official = officialSpdxIds();
  const tokens = expression.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  let depth = 0;
  for (const c of expression) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return (
    depth === 0 &&
    tokens.every((t, i) => (i % 2 === 1 ? ['AND', 'OR', 'WITH'].includes(t) : official.has(t) || licenseRefs.has(t)))
  );
}
