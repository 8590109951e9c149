/**
 * aquasecurity/vuln-list-debian renders each tracker entry as
 * `{Header: {ID, Description, Original}, Annotations: [{Type, Release, Package, Kind, Version, Severity, BugNo, Description, Bugs, Original}]}`.
 * This maps it onto the tracker model the list-file reader produces, so both
 * formats go through the same resolution.
 */
import { parseAdvisoryHeader, parseCveHeader } from '../debian-lists/list-line.js';
import { isDebianKind, type AdvisoryEntry, type CveEntry, type PackageLine } from '../debian-lists/tracker-entry.js';

interface JsonAnnotation {
  Type?: unknown;
  Release?: unknown;
  Package?: unknown;
  Kind?: unknown;
  Version?: unknown;
  Severity?: unknown;
  BugNo?: unknown;
  Description?: unknown;
  Bugs?: unknown;
  Original?: unknown;
}

interface JsonBug {
  Header?: { ID?: unknown; Description?: unknown; Original?: unknown };
  Annotations?: unknown;
}

/** Thrown for a file whose shape is not a vuln-list entry; the importer turns it into a warning. */
export class EntryShapeError extends Error {}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function annotations(bug: JsonBug): JsonAnnotation[] {
  if (bug.Annotations === null || bug.Annotations === undefined) return [];
  if (!Array.isArray(bug.Annotations)) throw new EntryShapeError('"Annotations" is not a list');
  return bug.Annotations.filter((a): a is JsonAnnotation => typeof a === 'object' && a !== null);
}

/** A package annotation; a malformed one is reported through `onBad` and left out. */
function packageLine(a: JsonAnnotation, onBad: (why: string) => void): PackageLine | undefined {
  const pkg = text(a.Package);
  const kind = text(a.Kind);
  if (!pkg || !kind || !isDebianKind(kind)) {
    onBad(`package annotation ${JSON.stringify(a.Original ?? a)} has no known Package/Kind`);
    return undefined;
  }
  const line: PackageLine = { package: pkg, kind, bugs: typeof a.BugNo === 'number' ? [a.BugNo] : [] };
  const release = text(a.Release);
  if (release) line.release = release;
  const version = text(a.Version);
  if (version) line.version = version;
  const severity = text(a.Severity);
  if (severity) line.urgency = severity;
  const note = text(a.Description);
  if (note) line.note = note;
  if (kind === 'fixed' && !version) {
    onBad(`fixed annotation ${JSON.stringify(a.Original ?? pkg)} has no Version`);
    return undefined;
  }
  return line;
}

export function cveEntryFromJson(bug: JsonBug, onBad: (why: string) => void): CveEntry {
  const id = text(bug.Header?.ID);
  if (!id) throw new EntryShapeError('no Header.ID');
  const header = parseCveHeader(`${id} ${text(bug.Header?.Description) ?? ''}`) ?? { id };
  const entry: CveEntry = { ...header, id, xrefs: [], packages: [], notes: [], rejected: false };
  for (const a of annotations(bug)) {
    const type = text(a.Type)?.toLowerCase();
    if (type === 'package') {
      const line = packageLine(a, onBad);
      if (line) entry.packages.push(line);
    } else if (type === 'xref' && Array.isArray(a.Bugs))
      entry.xrefs.push(...a.Bugs.filter((b): b is string => typeof b === 'string'));
    else if (type === 'note' && text(a.Description)) entry.notes.push(text(a.Description)!);
    else if (type === 'rejected') entry.rejected = true;
  }
  return entry;
}

export function advisoryEntryFromJson(bug: JsonBug, onBad: (why: string) => void): AdvisoryEntry {
  const id = text(bug.Header?.ID);
  if (!id) throw new EntryShapeError('no Header.ID');
  const header = parseAdvisoryHeader(text(bug.Header?.Original) ?? '');
  const entry: AdvisoryEntry = { id, cves: [], packages: [] };
  if (header?.date) entry.date = header.date;
  const title = text(bug.Header?.Description) ?? header?.title;
  if (title) entry.title = title;
  for (const a of annotations(bug)) {
    const type = text(a.Type)?.toLowerCase();
    if (type === 'xref' && Array.isArray(a.Bugs))
      entry.cves.push(...a.Bugs.filter((b): b is string => typeof b === 'string'));
    else if (type === 'package') {
      const line = packageLine(a, onBad);
      if (line) entry.packages.push(line);
    }
  }
  return entry;
}
