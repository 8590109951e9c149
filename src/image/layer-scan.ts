import type { Warning } from '../sbom/model.js';
import type { ByteSource } from './tar/byte-source.js';
import { readTar } from './tar/reader.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX, normalizeEntryName } from './paths.js';
import { posix } from 'node:path';
import type { StreamedFile } from '../catalogers/types.js';
import type { TarEntry } from './tar/reader.js';
import { spillToTemp } from './spill.js';

/** What to do with the body of a wanted file. */
export interface FilePlan {
  /** Files larger than this are skipped with a warning. */
  maxBytes: number;
  /** Keep the body in memory (small database files). */
  keep: boolean;
  /** Look at the body as it streams by and keep only the result (jars, binaries). */
  analyze?: (file: StreamedFile) => Promise<unknown>;
  /** Whether a symlink at this path should be followed to its target. */
  followSymlinks: boolean;
}

/**
 * Whether a file body is wanted, and how: undefined when nobody wants it.
 * Called for every entry of every layer, so keep it cheap. Paths have no leading slash.
 */
export type WantsFile = (path: string) => FilePlan | undefined;

/** A plan that keeps bodies up to `maxBytes` (refetches, tests). */
export function keepUpTo(maxBytes: number): FilePlan {
  return { maxBytes, keep: true, followSymlinks: true };
}

export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Image path without leading slash. For whiteouts: the path deleted; for opaque markers: the directory. */
  path: string;
  kind: LayerEntryKind;
  size: number;
  mode: number;
  /** Symlink target as stored, or the normalized hard-link target path. */
  linkname?: string;
  /** Body of a wanted regular file. */
  content?: Buffer;
  /** What the analyzers returned for a wanted regular file. */
  analysis?: unknown;
}

/** Everything one layer does to the file system, in tar order; bodies only for wanted files. */
export interface LayerRecord {
  entries: LayerEntry[];
  warnings: Warning[];
}

/** Reads one layer tar into a record. Throws TarFormatError for malformed tar data. */
export async function scanLayerTar(source: ByteSource, wants: WantsFile): Promise<LayerRecord> {
  const entries: LayerEntry[] = [];
  const warnings: Warning[] = [];
  for await (const entry of readTar(source)) {
    const path = normalizeEntryName(entry.name);
    if (path === undefined) {
      warnings.push({ path: entry.name, message: 'entry name leaves the image root; ignored' });
      continue;
    }
    if (path === '') continue; // the root directory itself
    const base = posix.basename(path);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const dir = posix.dirname(path);
      if (base === OPAQUE_MARKER) entries.push({ path: dir === '.' ? '' : dir, kind: 'opaque', size: 0, mode: 0 });
      else if (!base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) {
        const target = dir === '.' ? base.slice(WHITEOUT_PREFIX.length) : `${dir}/${base.slice(WHITEOUT_PREFIX.length)}`;
        entries.push({ path: target, kind: 'whiteout', size: 0, mode: 0 });
      }
      continue;
    }
    const record: LayerEntry = { path, kind: entry.type, size: entry.size, mode: entry.mode };
    if (entry.type === 'symlink') record.linkname = entry.linkname;
    if (entry.type === 'hardlink') {
      const target = normalizeEntryName(entry.linkname);
      if (target === undefined) {
        warnings.push({ path: `/${path}`, message: `hard link to ${entry.linkname} leaves the image root; ignored` });
        continue;
      }
      record.linkname = target;
    }
    if (entry.type === 'file') {
      const plan = wants(path);
      if (plan !== undefined) {
        if (entry.size > plan.maxBytes) {
          warnings.push({ path: `/${path}`, message: `file of ${entry.size} bytes is larger than the ${plan.maxBytes} bytes read for it; skipped` });
        } else {
          await readWanted(entry, path, plan, record, warnings);
        }
      }
    }
    entries.push(record);
  }
  return { entries, warnings };
}

/** Keeps and/or analyzes one wanted body; an analyzer failure is a warning about that file. */
async function readWanted(entry: TarEntry, path: string, plan: FilePlan, record: LayerEntry, warnings: Warning[]): Promise<void> {
  let body: Buffer | undefined;
  const read = async (): Promise<Buffer> => (body ??= await entry.body());
  if (plan.keep) record.content = await read();
  if (!plan.analyze) return;
  let spilled: { path: string; remove(): void } | undefined;
  const file: StreamedFile = {
    path: `/${path}`,
    size: entry.size,
    read,
    readAt: entry.readAt,
    spill: async () => (spilled ??= await spillToTemp(body ? [body] : entry.chunks(), path)).path,
  };
  try {
    record.analysis = await plan.analyze(file);
  } catch (err) {
    warnings.push({ path: `/${path}`, message: `could not be analyzed: ${(err as Error).message}` });
  } finally {
    spilled?.remove();
  }
}
