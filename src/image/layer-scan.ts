import type { Warning } from '../sbom/model.js';
import type { ByteSource } from './tar/byte-source.js';
import { readTar } from './tar/reader.js';
import { MAX_PATH_DEPTH, OPAQUE_MARKER, WHITEOUT_PREFIX, normalizeEntryName, pathDepth } from './paths.js';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { StreamedFile } from './files.js';
import type { TarEntry } from './tar/reader.js';
import { spillToTemp } from './spill.js';
import { LayerLinks } from './links/resolve-parents.js';
import { DiskFullError } from '../system/failures.js';

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
  /** Whether a file a symlinked parent directory shows at this path is read there too (fixed-path databases). */
  throughLinkedDirs?: boolean;
}

/**
 * Whether a file body is wanted, and how: undefined when nobody wants it.
 * Called for every entry of every layer, so keep it cheap. Paths have no leading slash.
 */
export type WantsFile = (path: string) => FilePlan | undefined;

/** A plan that keeps bodies up to `maxBytes` (refetches, tests). */
export function keepUpTo(maxBytes: number): FilePlan {
  return { maxBytes, keep: true, followSymlinks: true, throughLinkedDirs: true };
}

export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /**
   * Image path without leading slash, its parents resolved through the symlinks this
   * layer wrote before it (lower layers' links are resolved when the layer is applied).
   * For whiteouts: the path deleted; for opaque markers: the directory.
   */
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
  /** A cataloger wanted this file and its body was read (kept and/or analyzed). */
  read?: true;
  /**
   * The entry's own name, when `path` differs from it. The view resolves the name against
   * all layers below; `path` resolves only this layer's links and is what `wants` was asked.
   */
  name?: string;
}

/** Everything one layer does to the file system, in tar order; bodies only for wanted files. */
export interface LayerRecord {
  entries: LayerEntry[];
  warnings: Warning[];
  /** What the layer's bytes hash to, for checking against its descriptor and diff_id. */
  digests?: LayerDigests;
}

/** sha256 digests of a layer as stored (`blob`, its descriptor's digest) and uncompressed (`content`, its diff_id). */
export interface LayerDigests {
  blob: string;
  content: string;
}

/** Reads one layer tar into a record. Throws TarFormatError for malformed tar data. */
export async function scanLayerTar(source: ByteSource, wants: WantsFile): Promise<LayerRecord> {
  const entries: LayerEntry[] = [];
  const warnings: Warning[] = [];
  const analyses = new AnalysisQueue();
  const links = new LayerLinks();
  for await (const entry of readTar(source)) {
    const named = normalizeEntryName(entry.name);
    if (named === undefined) {
      warnings.push({ path: entry.name, message: 'entry name leaves the image root; ignored' });
      continue;
    }
    if (named === '') continue; // the root directory itself
    if (
      pathDepth(named) > MAX_PATH_DEPTH ||
      ((entry.type === 'hardlink' || entry.type === 'symlink') && pathDepth(entry.linkname) > MAX_PATH_DEPTH)
    ) {
      warnings.push({
        path: `/${named.slice(0, 256)}${named.length > 256 ? '…' : ''}`,
        message: `path more than ${MAX_PATH_DEPTH} directories deep; ignored`,
      });
      continue;
    }
    // Where extraction puts it: `lnk/status` after `lnk -> var/lib/dpkg` is var/lib/dpkg/status.
    const path = links.resolve(named);
    if (path === undefined) {
      warnings.push({ path: `/${named}`, message: 'entry lies below a symlink loop; ignored' });
      continue;
    }
    const base = posix.basename(named);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      // Markers carry their name as is: the view resolves it against every layer below.
      const dir = posix.dirname(named);
      if (base === OPAQUE_MARKER) entries.push({ path: dir === '.' ? '' : dir, kind: 'opaque', size: 0, mode: 0 });
      else if (!base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) {
        const target =
          dir === '.' ? base.slice(WHITEOUT_PREFIX.length) : `${dir}/${base.slice(WHITEOUT_PREFIX.length)}`;
        entries.push({ path: target, kind: 'whiteout', size: 0, mode: 0 });
        const removed = posix.join(posix.dirname(path), base.slice(WHITEOUT_PREFIX.length)); // where this layer's links put it
        links.record(removed, undefined, true);
      }
      continue;
    }
    const record: LayerEntry = { path, kind: entry.type, size: entry.size, mode: entry.mode };
    if (path !== named) record.name = named;
    links.record(path, entry.type === 'symlink' ? entry.linkname : undefined);
    if (entry.type === 'symlink') record.linkname = entry.linkname;
    if (entry.type === 'hardlink') {
      const target = normalizeEntryName(entry.linkname);
      if (target === undefined) {
        warnings.push({ path: `/${path}`, message: `hard link to ${entry.linkname} leaves the image root; ignored` });
        continue;
      }
      record.linkname = links.resolve(target) ?? target;
    }
    if (entry.type === 'file') {
      const plan = wants(path);
      if (plan !== undefined) {
        if (entry.size > plan.maxBytes) {
          warnings.push({
            path: `/${path}`,
            message: `file of ${entry.size} bytes is larger than the ${plan.maxBytes} bytes read for it; skipped`,
          });
        } else {
          record.read = true;
          await readWanted(entry, path, plan, record, warnings, analyses);
        }
      }
    }
    entries.push(record);
  }
  await analyses.drain();
  return { entries, warnings };
}

/**
 * Analyses still running after they took the body they needed. The layer walk goes on
 * meanwhile (a jar's central directory is read from its spilled copy while the next
 * headers are parsed); at most a few run at once, so spilled copies stay few.
 */
class AnalysisQueue {
  private readonly running: Promise<void>[] = [];
  static readonly MAX = 4;

  async add(task: Promise<void>): Promise<void> {
    this.running.push(task);
    if (this.running.length > AnalysisQueue.MAX) await this.running.shift();
  }

  async drain(): Promise<void> {
    await Promise.all(this.running.splice(0));
  }
}

/**
 * Keeps and/or analyzes one wanted body; an analyzer failure is a warning about that
 * file. The walk waits only until the analyzer has taken the body (read or spilled it)
 * or is done; the rest of the analysis runs in the queue.
 */
async function readWanted(
  entry: TarEntry,
  path: string,
  plan: FilePlan,
  record: LayerEntry,
  warnings: Warning[],
  queue: AnalysisQueue,
): Promise<void> {
  let body: Buffer | undefined;
  let spilled: { path: string; remove(): void } | undefined;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const read = async (): Promise<Buffer> => {
    // After the walk moved on, the body can only come from the spilled copy.
    body ??= spilled ? readFileSync(spilled.path) : await entry.body();
    release();
    return body;
  };
  if (plan.keep) record.content = await read();
  if (!plan.analyze) return;
  const file: StreamedFile = {
    path: `/${path}`,
    size: entry.size,
    read,
    readAt: entry.readAt,
    spill: async () => {
      spilled ??= await spillToTemp(body ? [body] : entry.chunks(), path);
      release();
      return spilled.path;
    },
  };
  const task = plan
    .analyze(file)
    .then(
      (analysis) => {
        record.analysis = analysis;
      },
      (err: Error) => {
        if (err instanceof DiskFullError) throw err;
        warnings.push({ path: `/${path}`, message: `could not be analyzed: ${err.message}` });
      },
    )
    .finally(() => {
      spilled?.remove();
      release();
    });
  await Promise.race([released, task]);
  await queue.add(task);
}
