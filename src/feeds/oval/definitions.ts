/**
 * The second pass over an OVAL file: definitions one at a time, each criterion resolved
 * against the tables of the first pass. Only the definition being read is held.
 */
import type { FeedFile } from '../common/feed-files.js';
import type { OvalCriteria, OvalCriterion, OvalDefinition } from './model.js';
import { saxItems } from './sax-stream.js';
import type { OvalTables } from './tables.js';

const OPERATORS = new Set(['AND', 'OR', 'ONE', 'XOR']);

export function readOvalDefinitions(file: FeedFile, tables: OvalTables): AsyncGenerator<OvalDefinition> {
  const path: string[] = [];
  let text = '';
  let def: OvalDefinition | undefined;
  const criteriaStack: OvalCriteria[] = [];
  const ready: OvalDefinition[] = [];
  const inMetadata = () => path[3] === 'metadata';

  const handlers = {
    ready,
    open(name: string, attrs: Record<string, string>) {
      path.push(name);
      text = '';
      if (path.length === 3 && path[1] === 'definitions' && name === 'definition') {
        def = { id: attrs.id ?? '', class: attrs.class, platforms: [], references: [], cves: [], extra: {} };
        return;
      }
      if (!def) return;
      if (name === 'criteria') {
        const node: OvalCriteria = {
          kind: 'criteria',
          operator: OPERATORS.has(attrs.operator) ? (attrs.operator as OvalCriteria['operator']) : 'AND',
          negate: attrs.negate === 'true',
          children: [],
        };
        const parent = criteriaStack.at(-1);
        if (parent) parent.children.push(node);
        else def.criteria = node;
        criteriaStack.push(node);
      } else if (name === 'criterion' && criteriaStack.length > 0 && attrs.test_ref) {
        const leaf: OvalCriterion = { kind: 'criterion', testRef: attrs.test_ref, negate: attrs.negate === 'true' };
        if (attrs.comment) leaf.comment = attrs.comment;
        const test = tables.resolve(attrs.test_ref);
        if (test) leaf.test = test;
        criteriaStack.at(-1)!.children.push(leaf);
      } else if (inMetadata() && name === 'reference' && attrs.ref_id) {
        def.references.push({
          source: attrs.source ?? '',
          refId: attrs.ref_id,
          ...(attrs.ref_url ? { refUrl: attrs.ref_url } : {}),
        });
      } else if (inMetadata() && (name === 'issued' || name === 'updated') && attrs.date) {
        def[name] = attrs.date;
      } else if (inMetadata() && name === 'cve') {
        def.cves.push({
          id: '',
          ...(attrs.impact ? { impact: attrs.impact } : {}),
          ...(attrs.href ? { href: attrs.href } : {}),
        });
      }
    },
    text(chunk: string) {
      text += chunk;
    },
    close(name: string) {
      const depth = path.length;
      path.pop();
      if (!def) return;
      if (depth === 3 && name === 'definition') {
        ready.push(def);
        def = undefined;
        criteriaStack.length = 0;
      } else if (name === 'criteria') {
        criteriaStack.pop();
      } else if (path[3] === 'metadata' || (depth === 4 && name === 'metadata')) {
        metadataText(def, name, depth, text.trim());
      }
      text = '';
    },
  };
  return saxItems(file, handlers);
}

/** Text of the metadata leaves: title, description, platforms, severity, the advisory's CVE ids, and the rest by name. */
function metadataText(def: OvalDefinition, name: string, depth: number, value: string): void {
  if (name === 'title') def.title = value;
  else if (name === 'description') def.description = value;
  else if (name === 'platform') def.platforms.push(value);
  else if (name === 'severity') def.severity = value;
  else if (name === 'cve' && def.cves.length > 0) def.cves[def.cves.length - 1].id = value;
  else if (depth === 5 && value !== '' && !['affected', 'reference', 'advisory'].includes(name))
    def.extra[name] = value;
}
