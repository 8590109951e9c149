/**
 * Checks a document against the OpenVEX v0.2.0 specification (OPENVEX-SPEC.md: document,
 * statement, product, vulnerability, status and justification tables), for tests of the
 * documents airlock writes. Written from the specification text; it checks what the spec
 * states, strictly: fields the spec does not name are reported too, so a field airlock
 * invents never slips into a file other tools read. Returns one message per problem, with
 * the path of the offending value; an empty list means the document conforms.
 */

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';
export const STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'];
export const JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
];
const DOCUMENT_FIELDS = [
  '@context',
  '@id',
  'author',
  'role',
  'timestamp',
  'last_updated',
  'version',
  'tooling',
  'statements',
];
const STATEMENT_FIELDS = [
  '@id',
  'version',
  'vulnerability',
  'timestamp',
  'last_updated',
  'products',
  'status',
  'supplier',
  'status_notes',
  'justification',
  'impact_statement',
  'action_statement',
  'action_statement_timestamp',
];
const VULNERABILITY_FIELDS = ['@id', 'name', 'description', 'aliases'];
const COMPONENT_FIELDS = ['@id', 'identifiers', 'hashes'];
/** Appendix A (hash names) and Appendix B (software identifier types). */
const HASH_NAMES = [
  'md5',
  'sha1',
  'sha-256',
  'sha-384',
  'sha-512',
  'sha3-224',
  'sha3-256',
  'sha3-384',
  'sha3-512',
  'blake2s-256',
  'blake2b-256',
  'blake2b-512',
];
const IDENTIFIER_TYPES = ['purl', 'cpe22', 'cpe23'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
/** An IRI starts with a scheme (`https:`, `urn:`, `pkg:`) and has no spaces (RFC 3987). */
const isIri = (v: unknown) => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(v);
/** ISO 8601 date-time with a zone, as the spec's examples write it (RFC 3339 profile). */
const isTimestamp = (v: unknown) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
  !Number.isNaN(Date.parse(v));

export function openVexProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const report = (at: string, message: string) => problems.push(`${at}: ${message}`);
  if (!isObject(doc)) return ['document: not a JSON object'];

  unknownFields(doc, DOCUMENT_FIELDS, 'document', report);
  if (doc['@context'] !== OPENVEX_CONTEXT) report('@context', `must be ${OPENVEX_CONTEXT}`);
  if (!isIri(doc['@id'])) report('@id', 'must be an IRI');
  if (!isText(doc.author)) report('author', 'is required');
  optionalText(doc, 'role', '', report);
  optionalText(doc, 'tooling', '', report);
  if (!isTimestamp(doc.timestamp)) report('timestamp', 'must be an ISO 8601 date-time');
  if (doc.last_updated !== undefined && !isTimestamp(doc.last_updated))
    report('last_updated', 'must be an ISO 8601 date-time');
  if (!Number.isInteger(doc.version) || (doc.version as number) < 1)
    report('version', 'must be an integer of at least 1');
  if (!Array.isArray(doc.statements) || doc.statements.length === 0)
    report('statements', 'must list one or more statements');
  else doc.statements.forEach((s, i) => checkStatement(s, `statements[${i}]`, report));
  return problems;
}

type Report = (at: string, message: string) => void;

function checkStatement(s: unknown, at: string, report: Report): void {
  if (!isObject(s)) return report(at, 'not a JSON object');
  unknownFields(s, STATEMENT_FIELDS, at, report);
  if (s['@id'] !== undefined && !isIri(s['@id'])) report(`${at}.@id`, 'must be an IRI');
  if (s.version !== undefined && (!Number.isInteger(s.version) || (s.version as number) < 0))
    report(`${at}.version`, 'must be a non-negative integer');
  for (const key of ['timestamp', 'last_updated', 'action_statement_timestamp']) {
    if (s[key] !== undefined && !isTimestamp(s[key])) report(`${at}.${key}`, 'must be an ISO 8601 date-time');
  }
  for (const key of ['supplier', 'status_notes', 'impact_statement', 'action_statement'])
    optionalText(s, key, `${at}.`, report);
  checkVulnerability(s.vulnerability, `${at}.vulnerability`, report);
  // Products may cascade from an encapsulating document; a stand-alone document has none.
  if (!Array.isArray(s.products) || s.products.length === 0)
    report(`${at}.products`, 'must identify one or more products');
  else s.products.forEach((p, i) => checkComponent(p, `${at}.products[${i}]`, true, report));

  if (!STATUSES.includes(s.status as string)) report(`${at}.status`, `must be one of ${STATUSES.join(', ')}`);
  if (s.justification !== undefined && !JUSTIFICATIONS.includes(s.justification as string)) {
    report(`${at}.justification`, `must be one of ${JUSTIFICATIONS.join(', ')}`);
  }
  if (s.status === 'not_affected' && s.justification === undefined && !isText(s.impact_statement)) {
    report(at, 'a not_affected statement needs a justification or an impact_statement');
  }
  if (s.status === 'affected' && !isText(s.action_statement))
    report(at, 'an affected statement needs an action_statement');
}

function checkVulnerability(v: unknown, at: string, report: Report): void {
  if (!isObject(v)) return report(at, 'must be a vulnerability struct with a name');
  unknownFields(v, VULNERABILITY_FIELDS, at, report);
  if (!isText(v.name)) report(`${at}.name`, 'is required');
  if (v['@id'] !== undefined && !isIri(v['@id'])) report(`${at}.@id`, 'must be an IRI');
  optionalText(v, 'description', `${at}.`, report);
  if (v.aliases !== undefined && !(Array.isArray(v.aliases) && v.aliases.every(isText)))
    report(`${at}.aliases`, 'must be a list of strings');
}

function checkComponent(c: unknown, at: string, isProduct: boolean, report: Report): void {
  if (!isObject(c)) return report(at, 'not a JSON object');
  unknownFields(c, isProduct ? [...COMPONENT_FIELDS, 'subcomponents'] : COMPONENT_FIELDS, at, report);
  if (c['@id'] === undefined && c.identifiers === undefined && c.hashes === undefined)
    report(at, 'names no @id, identifiers or hashes');
  if (c['@id'] !== undefined && !isIri(c['@id'])) report(`${at}.@id`, 'must be an IRI');
  labelledMap(c.identifiers, IDENTIFIER_TYPES, `${at}.identifiers`, report);
  labelledMap(c.hashes, HASH_NAMES, `${at}.hashes`, report);
  if (isProduct && c.subcomponents !== undefined) {
    if (!Array.isArray(c.subcomponents)) report(`${at}.subcomponents`, 'must be a list');
    else c.subcomponents.forEach((sub, i) => checkComponent(sub, `${at}.subcomponents[${i}]`, false, report));
  }
}

function labelledMap(value: unknown, labels: string[], at: string, report: Report): void {
  if (value === undefined) return;
  if (!isObject(value)) return report(at, 'must be a map');
  for (const [key, v] of Object.entries(value)) {
    if (!labels.includes(key)) report(`${at}.${key}`, `is not one of ${labels.join(', ')}`);
    else if (!isText(v)) report(`${at}.${key}`, 'must be a string');
  }
}

function unknownFields(obj: Json, known: string[], at: string, report: Report): void {
  for (const key of Object.keys(obj)) if (!known.includes(key)) report(at, `unknown field "${key}"`);
}

function optionalText(obj: Json, key: string, prefix: string, report: Report): void {
  if (obj[key] !== undefined && typeof obj[key] !== 'string') report(`${prefix}${key}`, 'must be a string');
}
