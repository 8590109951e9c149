/**
 * Reading an OpenVEX document. The file is the user's (or another tool's): anything that
 * would make a decision apply wrongly is an InputError naming the file and the statement.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { VEX_JUSTIFICATIONS, VEX_STATUSES, type VexDocument, type VexStatement } from './model.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkStatement(s: unknown, i: number, file: string): VexStatement {
  const where = `statement ${i + 1}`;
  if (!isObject(s)) throw new InputError(file, `${where} is not an object`);
  const vuln = s.vulnerability;
  if (!isObject(vuln) || typeof vuln.name !== 'string' || !vuln.name)
    throw new InputError(file, `${where} has no vulnerability.name`);
  if (
    vuln.aliases !== undefined &&
    !(Array.isArray(vuln.aliases) && vuln.aliases.every((a) => typeof a === 'string'))
  ) {
    throw new InputError(file, `${where}: vulnerability.aliases is not a list of strings`);
  }
  if (!(VEX_STATUSES as readonly unknown[]).includes(s.status)) {
    throw new InputError(file, `${where}: status ${JSON.stringify(s.status)} is not one of ${VEX_STATUSES.join(', ')}`);
  }
  if (s.justification !== undefined && !(VEX_JUSTIFICATIONS as readonly unknown[]).includes(s.justification)) {
    throw new InputError(
      file,
      `${where}: justification ${JSON.stringify(s.justification)} is not an OpenVEX justification`,
    );
  }
  if (s.products !== undefined && !(Array.isArray(s.products) && s.products.every(isObject)))
    throw new InputError(file, `${where}: products is not a list of objects`);
  for (const key of ['timestamp', 'last_updated'] as const) {
    if (s[key] !== undefined && (typeof s[key] !== 'string' || Number.isNaN(Date.parse(s[key] as string))))
      throw new InputError(file, `${where}: ${key} is not a date-time`);
  }
  if (s.status_notes !== undefined && typeof s.status_notes !== 'string')
    throw new InputError(file, `${where}: status_notes is not a string`);
  return s as unknown as VexStatement;
}

export function parseVexDocument(text: string, file: string): VexDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new InputError(file, `not JSON (${(cause as Error).message})`, { cause });
  }
  if (!isObject(doc)) throw new InputError(file, 'not an OpenVEX document (expected a JSON object)');
  if (typeof doc['@context'] !== 'string' || !doc['@context'].startsWith('https://openvex.dev/ns')) {
    throw new InputError(
      file,
      `not an OpenVEX document (@context is ${JSON.stringify(doc['@context'])}, expected https://openvex.dev/ns/v0.2.0)`,
    );
  }
  if (!Array.isArray(doc.statements)) throw new InputError(file, 'OpenVEX document without a statements list');
  if (doc.timestamp !== undefined && (typeof doc.timestamp !== 'string' || Number.isNaN(Date.parse(doc.timestamp))))
    throw new InputError(file, 'document timestamp is not a date-time');
  const statements = doc.statements.map((s, i) => checkStatement(s, i, file));
  return { ...(doc as unknown as VexDocument), statements };
}

/** The document in `file`; undefined when the file does not exist. */
export async function readVexFile(file: string): Promise<VexDocument | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(file, `cannot read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, {
      cause,
    });
  }
  return parseVexDocument(text, file);
}
