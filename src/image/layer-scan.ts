import type { Warning } from '../sbom/model.js';
import type { ByteSource } from './tar/byte-source.js';
import { readTar } from './tar/reader.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX, normalizeEntryName } from './paths.js';
import { posix } from 'node:path';

/**
 * Whether a file body is wanted: the largest size a cataloger will read from that
 * path, or undefined when nobody wants it. Called for every entry, so keep it cheap.
 */
export type WantsFile = (path: string) => number | undefined;

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
      const max = wants(path);
      if (max !== undefined) {
        if (entry.size <= max) record.content = await entry.body();
        else warnings.push({ path: `/${path}`, message: `file of ${entry.size} bytes is larger than the ${max} bytes read for it; skipped` });
      }
    }
    entries.push(record);
  }
  return { entries, warnings };
}
