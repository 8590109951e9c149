/**
 * Turning triage decisions into OpenVEX statements and recording them in a document.
 * Each decision is one statement per vulnerability: the product is the image, the
 * subcomponents are the purls of the installed packages it is about. A new decision on
 * exactly the same (vulnerability, product, packages) replaces the old statement, so
 * the document stays a list of current decisions; the document's version counts the edits.
 */
import {
  OPENVEX_CONTEXT,
  type VexDocument,
  type VexJustification,
  type VexStatement,
  type VexStatus,
} from './model.js';
import { composeNotes } from './notes.js';

export interface TriageDecision {
  status: VexStatus;
  /** Required by OpenVEX for `not_affected` (else an impact statement is written from the note). */
  justification?: VexJustification;
  note?: string;
  /** ISO 8601; the statement is ignored by airlock after it. */
  expires?: string;
}

export interface TriageTarget {
  vulnId: string;
  aliases: string[];
  /** The installed packages' purls. */
  packagePurls: string[];
}

export function triageStatement(
  target: TriageTarget,
  imagePurl: string,
  decision: TriageDecision,
  timestamp: string,
): VexStatement {
  const purls = [...new Set(target.packagePurls)].sort();
  const s: VexStatement = {
    vulnerability: {
      name: target.vulnId,
      ...(target.aliases.length > 0 ? { aliases: [...new Set(target.aliases)].sort() } : {}),
    },
    timestamp,
    products: [
      {
        '@id': imagePurl,
        identifiers: { purl: imagePurl },
        ...(purls.length > 0 ? { subcomponents: purls.map((p) => ({ '@id': p, identifiers: { purl: p } })) } : {}),
      },
    ],
    status: decision.status,
  };
  let note = decision.note?.trim() || undefined;
  if (decision.status === 'not_affected') {
    if (decision.justification) s.justification = decision.justification;
    else {
      // The schema wants a justification or an impact statement, never both.
      s.impact_statement = note ?? 'not affected (no reason recorded)';
      note = undefined;
    }
  }
  if (decision.status === 'affected') {
    // OpenVEX requires an action statement for `affected`; the note is the action.
    s.action_statement = note ?? 'no action recorded yet';
    s.action_statement_timestamp = timestamp;
    note = undefined;
  }
  const notes = composeNotes(note, decision.expires);
  if (notes) s.status_notes = notes;
  return s;
}

const sameSubject = (a: VexStatement, b: VexStatement) => subjectKey(a) === subjectKey(b);

function subjectKey(s: VexStatement): string {
  const products = (s.products ?? []).map(
    (p) =>
      `${p.identifiers?.purl ?? p['@id']}[${(p.subcomponents ?? [])
        .map((c) => c.identifiers?.purl ?? c['@id'])
        .sort()
        .join(',')}]`,
  );
  return `${s.vulnerability.name}\u0000${products.sort().join('\u0000')}`;
}

export interface DocumentMeta {
  author: string;
  /** ISO 8601 time of the edit. */
  now: string;
  /** A fresh IRI for a new document (`urn:uuid:…`). */
  newId: string;
  tooling: string;
}

export function recordStatements(
  doc: VexDocument | undefined,
  statements: VexStatement[],
  meta: DocumentMeta,
): VexDocument {
  if (!doc) {
    return {
      '@context': OPENVEX_CONTEXT,
      '@id': meta.newId,
      author: meta.author,
      timestamp: meta.now,
      version: 1,
      tooling: meta.tooling,
      statements,
    };
  }
  const kept = doc.statements.filter((old) => !statements.some((s) => sameSubject(old, s)));
  return { ...doc, last_updated: meta.now, version: (doc.version ?? 0) + 1, statements: [...kept, ...statements] };
}
