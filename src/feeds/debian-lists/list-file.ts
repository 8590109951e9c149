/**
 * Reads a tracker list file entry by entry without loading it whole
 * (`data/CVE/list` is tens of megabytes). An entry is a header line at the left
 * margin followed by indented annotation lines.
 */
import { createReadStream } from 'node:fs';
import type { FeedContext } from '../../advisories/model.js';
import { boundedLines } from '../common/bounded-lines.js';
import { parseAdvisoryHeader, parseAnnotation, parseCveHeader, type Annotation } from './list-line.js';
import type { AdvisoryEntry, CveEntry, PackageLine } from './tracker-entry.js';

interface RawEntry {
  header: string;
  lineNo: number;
  annotations: { text: string; lineNo: number }[];
}

/** Entries of the file; a line over the line limit is skipped with a warning naming `file:line`. */
async function* rawEntries(file: string, ctx: FeedContext): AsyncGenerator<RawEntry> {
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  let current: RawEntry | undefined;
  try {
    for await (const { text: line, lineNo } of boundedLines(stream, file, ctx)) {
      if (line.trim() === '') continue;
      if (/^\s/.test(line)) {
        current?.annotations.push({ text: line, lineNo });
        continue;
      }
      if (current) yield current;
      current = { header: line, lineNo, annotations: [] };
    }
  } finally {
    stream.destroy();
  }
  if (current) yield current;
}

/** Package lines and cross references of an entry; lines that fit no form are warned about. */
function annotationsOf(file: string, entry: RawEntry, ctx: FeedContext): Annotation[] {
  const out: Annotation[] = [];
  for (const { text, lineNo } of entry.annotations) {
    const annotation = parseAnnotation(text);
    if (annotation.type === 'unparsed')
      ctx.warn({ file, message: `line ${lineNo}: unrecognized annotation ${JSON.stringify(annotation.text)}` });
    else out.push(annotation);
  }
  return out;
}

export async function* cveEntries(file: string, ctx: FeedContext): AsyncGenerator<CveEntry> {
  for await (const raw of rawEntries(file, ctx)) {
    const header = parseCveHeader(raw.header);
    if (!header) {
      // Placeholder ids (CVE-2024-XXXX) name issues that have no CVE yet; they carry nothing to match.
      if (!/^CVE-\d{4}-X+\b/.test(raw.header))
        ctx.warn({ file, message: `line ${raw.lineNo}: unrecognized entry header ${JSON.stringify(raw.header)}` });
      continue;
    }
    const entry: CveEntry = { ...header, xrefs: [], packages: [], notes: [], rejected: false };
    for (const a of annotationsOf(file, raw, ctx)) {
      if (a.type === 'package') entry.packages.push(a.line);
      else if (a.type === 'xref') entry.xrefs.push(...a.ids);
      else if (a.type === 'note') entry.notes.push(a.text);
      else if (a.type === 'rejected') entry.rejected = true;
    }
    yield entry;
  }
}

export async function* advisoryEntries(file: string, ctx: FeedContext): AsyncGenerator<AdvisoryEntry> {
  for await (const raw of rawEntries(file, ctx)) {
    const header = parseAdvisoryHeader(raw.header);
    if (!header) {
      ctx.warn({ file, message: `line ${raw.lineNo}: unrecognized advisory header ${JSON.stringify(raw.header)}` });
      continue;
    }
    const cves: string[] = [];
    const packages: PackageLine[] = [];
    for (const a of annotationsOf(file, raw, ctx)) {
      if (a.type === 'xref') cves.push(...a.ids);
      else if (a.type === 'package') packages.push(a.line);
    }
    yield { ...header, cves, packages };
  }
}
