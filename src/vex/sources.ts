/**
 * `--vex` given several times, or naming a directory (Scout's `--vex-location`): every
 * OpenVEX document found is read, and `--vex-author` keeps only those whose author
 * matches one of its globs (`*@example.com`). Their statements are joined into one
 * sequence; each statement keeps its own time (the document's, when it has none), so
 * "the latest statement wins" still holds across documents.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UserError } from '../errors.js';
import type { VexDocument } from './model.js';
import { defaultVexFile } from './paths.js';
import { readVexFile } from './read.js';

/** A directory of VEX documents is walked this deep, and this many files at most. */
const MAX_DEPTH = 4;
const MAX_FILES = 10_000;

export interface VexSources {
  /** What the reports name: the one file, or the files joined. */
  file: string;
  document?: VexDocument;
  /** Documents left out: by `--vex-author`, or not OpenVEX in a directory. */
  skipped: string[];
}

/** `*` matches any run of characters, `?` one; the rest literally, ignoring case. */
export function authorGlob(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function vexFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string, depth: number): void => {
    for (const ent of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(at, ent.name);
      if (ent.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1);
      else if (ent.isFile() && ent.name.endsWith('.json')) out.push(path);
      if (out.length > MAX_FILES)
        throw new InputError(dir, `holds more than ${MAX_FILES} JSON files; not a directory of VEX documents`);
    }
  };
  walk(dir, 0);
  return out;
}

export async function loadVexSources(given: string[] | undefined, authors: string[] = []): Promise<VexSources> {
  const skipped: string[] = [];
  const documents: { file: string; doc: VexDocument }[] = [];
  if (!given || given.length === 0) {
    const file = defaultVexFile();
    const doc = await readVexFile(file);
    if (doc) documents.push({ file, doc });
  }
  for (const path of given ?? []) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UserError(`no VEX document at ${path}`, {
        hint: 'record decisions with airlock review IMAGE --vex FILE, or pass an existing OpenVEX file or a directory of them',
      });
    }
    if (!isDir) {
      documents.push({ file: path, doc: (await readVexFile(path))! });
      continue;
    }
    for (const file of vexFilesIn(path)) {
      // In a directory, a JSON file that is not OpenVEX is passed over, and said so.
      try {
        documents.push({ file, doc: (await readVexFile(file))! });
      } catch (err) {
        skipped.push(`${file}: ${(err as InputError).detail ?? (err as Error).message}`);
      }
    }
  }
  const globs = authors.map(authorGlob);
  const kept = documents.filter(({ file, doc }) => {
    if (globs.length === 0 || globs.some((g) => g.test(doc.author ?? ''))) return true;
    skipped.push(`${file}: author ${JSON.stringify(doc.author)} does not match --vex-author`);
    return false;
  });
  const file = documents.length === 1 ? documents[0].file : (given ?? []).join(', ') || defaultVexFile();
  if (kept.length === 0) return { file, skipped };
  return { file, document: joinDocuments(kept.map((k) => k.doc)), skipped };
}

function joinDocuments(docs: VexDocument[]): VexDocument {
  if (docs.length === 1) return docs[0];
  const statements = docs.flatMap((d) =>
    d.statements.map((s) => ((s.last_updated ?? s.timestamp) ? s : { ...s, timestamp: d.last_updated ?? d.timestamp })),
  );
  return { ...docs[0], statements };
}
