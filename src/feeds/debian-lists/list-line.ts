/**
 * Parsers for single lines of the tracker's list files. Grammar, as the
 * tracker's own files use it:
 *   CVE-2023-4911 (A buffer overflow was discovered ... ...)     header, cut description
 *   CVE-2023-4641 [gpasswd(1) password leak]                     header, team title
 *   [03 Oct 2023] DSA-5514-1 glibc - security update             DSA/DLA header
 *   \t{DSA-5514-1 DLA-3611-1}                                    cross references
 *   \t[bookworm] - glibc 2.36-9+deb12u3                          fixed in a release
 *   \t- expat <unfixed> (bug #1080149)                           unstable, with a state
 *   \t[bookworm] - coreutils <ignored> (Minor issue)             state with a reason
 *   \tNOTE: …   TODO: check   NOT-FOR-US: …   RESERVED   REJECTED
 */
import { isDebianKind, type PackageLine } from './tracker-entry.js';

export type Annotation =
  | { type: 'package'; line: PackageLine }
  | { type: 'xref'; ids: string[] }
  | { type: 'note'; text: string }
  | { type: 'todo'; text: string }
  | { type: 'not-for-us'; text: string }
  | { type: 'reserved' }
  | { type: 'rejected' }
  | { type: 'unparsed'; text: string };

const PACKAGE_LINE = /^(?:\[([a-z0-9-]+)\]\s+)?-\s+(\S+)\s+(.*)$/;
const STATE = /^<([a-z-]+)>\s*(?:\((.*)\))?\s*$/;
const VERSION = /^([^\s(<]+)\s*(?:\((.*)\))?\s*$/;
const URGENCY = /^(unimportant|low|medium|high)\**$/;
const BUG = /^bug #(\d+)$/;

export function parseAnnotation(raw: string): Annotation {
  const text = raw.trim();
  if (text.startsWith('{') && text.endsWith('}'))
    return { type: 'xref', ids: text.slice(1, -1).trim().split(/\s+/).filter(Boolean) };
  if (text.startsWith('NOTE:')) return { type: 'note', text: text.slice(5).trim() };
  if (text.startsWith('TODO:')) return { type: 'todo', text: text.slice(5).trim() };
  if (text.startsWith('NOT-FOR-US:')) return { type: 'not-for-us', text: text.slice(11).trim() };
  if (text === 'RESERVED') return { type: 'reserved' };
  if (text === 'REJECTED') return { type: 'rejected' };
  const line = parsePackageLine(text);
  return line ? { type: 'package', line } : { type: 'unparsed', text };
}

export function parsePackageLine(text: string): PackageLine | undefined {
  const match = PACKAGE_LINE.exec(text);
  if (!match) return undefined;
  const [, release, pkg, rest] = match;
  const state = STATE.exec(rest);
  if (state) {
    if (!isDebianKind(state[1]) || state[1] === 'fixed') return undefined;
    return { ...(release ? { release } : {}), package: pkg, kind: state[1], ...parenthesised(state[2]) };
  }
  const version = VERSION.exec(rest);
  if (!version) return undefined;
  return {
    ...(release ? { release } : {}),
    package: pkg,
    kind: 'fixed',
    version: version[1],
    ...parenthesised(version[2]),
  };
}

/** `(unimportant; bug #642480)` → urgency and bugs; whatever else is said is the note. */
function parenthesised(inner: string | undefined): Pick<PackageLine, 'urgency' | 'bugs' | 'note'> {
  const out: Pick<PackageLine, 'urgency' | 'bugs' | 'note'> = { bugs: [] };
  if (inner === undefined) return out;
  const notes: string[] = [];
  for (const part of inner
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const bug = BUG.exec(part);
    if (bug) out.bugs.push(Number(bug[1]));
    else if (URGENCY.test(part) && out.urgency === undefined) out.urgency = part;
    else notes.push(part);
  }
  if (notes.length > 0) out.note = notes.join('; ');
  return out;
}

/** `CVE-2023-4911 (text ...)` / `CVE-2023-4641 [title]` / `CVE-2024-3094`. */
export function parseCveHeader(text: string): { id: string; description?: string; summary?: string } | undefined {
  const match = /^(CVE-\d{4}-\d{4,})(?:\s+(.*))?$/.exec(text.trim());
  if (!match) return undefined;
  const rest = match[2]?.trim() ?? '';
  if (rest.startsWith('(') && rest.endsWith(')')) return { id: match[1], description: rest.slice(1, -1).trim() };
  if (rest.startsWith('[') && rest.endsWith(']')) return { id: match[1], summary: rest.slice(1, -1).trim() };
  return { id: match[1], ...(rest ? { summary: rest } : {}) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `[03 Oct 2023] DSA-5514-1 glibc - security update`. */
export function parseAdvisoryHeader(text: string): { id: string; date?: string; title?: string } | undefined {
  const match = /^\[(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\]\s+((?:DSA|DLA|DTSA)-\d+(?:-\d+)?)\s*(.*)$/.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]);
  const date = month < 0 ? undefined : `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return { id: match[4], ...(date ? { date } : {}), ...(match[5] ? { title: match[5].trim() } : {}) };
}
