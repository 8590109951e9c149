/**
 * `fs://DIR`: an unpacked root filesystem (or a mounted VM disk) read as an image of
 * one layer. The directory is walked, never followed: a symlink is recorded as a
 * symlink and the layered view resolves it inside DIR, so `/etc/passwd -> /host` can
 * never reach the host's files. Devices, sockets and FIFOs are never opened.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Warning } from '../sbom/model.js';
import type { Archive } from './archive.js';
import type { LayerEntry, LayerRecord, WantsFile } from './layer-scan.js';
import type { ResolvedImage } from './resolve.js';

/** The one layer's member name. */
const LAYER = 'rootfs';
/** Deeper than any real root filesystem; a bound on a crafted or looping tree. */
const MAX_DEPTH = 64;

export function maxFsEntries(env = process.env): number {
  const n = Number(env.AIRLOCK_MAX_FS_ENTRIES);
  return Number.isInteger(n) && n > 0 ? n : 5_000_000;
}

export class FilesystemArchive implements Archive {
  private readonly root: string;

  constructor(
    readonly label: string,
    dir: string,
  ) {
    this.root = realpathSync(dir);
  }

  has(name: string): boolean {
    return name === LAYER;
  }

  names(): string[] {
    return [LAYER];
  }

  readSmall(name: string): Promise<Buffer> {
    throw new InputError(this.label, `a directory read with fs:// has no member ${name}`);
  }

  sizeOf(): number | undefined {
    return this.walked?.bytes;
  }

  private walked?: LayerRecord & { id: string; bytes: number };

  /**
   * One layer with no config: the directory is the whole image. The walk happens here,
   * since the layer's id comes from it; scanLayer then hands over the record.
   */
  async resolve(wants: WantsFile): Promise<ResolvedImage> {
    this.walked = await walkDirectory(this.root, this.label, wants);
    const layerId = this.walked.id;
    return {
      format: 'filesystem',
      names: [],
      config: {
        diffIds: [layerId],
        history: [{ createdBy: `directory ${this.label}`, emptyLayer: false }],
        labels: {},
        user: '',
      },
      layers: [{ member: LAYER }],
      annotations: {},
    };
  }

  async scanLayer(_name: string, wants: WantsFile): Promise<LayerRecord> {
    const record = this.walked ?? (await walkDirectory(this.root, this.label, wants));
    this.walked = undefined; // a second scan (a refetch) walks again with its own wants
    // A directory has no blob or tar stream to hash: the walk's own id stands for both digests.
    return { ...record, digests: { blob: record.id, content: record.id } };
  }

  async close(): Promise<void> {}
}

/**
 * The directory as a layer record. The id is a digest of what was walked (paths,
 * kinds, sizes, link targets), so the same tree gets the same id; it is not the
 * diff_id of any tar.
 */
export async function walkDirectory(
  root: string,
  label: string,
  wants: WantsFile,
): Promise<LayerRecord & { id: string; bytes: number }> {
  const entries: LayerEntry[] = [];
  const warnings: Warning[] = [];
  const hash = createHash('sha256');
  const limit = maxFsEntries();
  let bytes = 0;
  const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      warnings.push({ path: `/${prefix}`, message: `deeper than ${MAX_DEPTH} directories; not read` });
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      warnings.push({
        path: `/${prefix}`,
        message: `directory cannot be read (${(err as NodeJS.ErrnoException).code})`,
      });
      return;
    }
    for (const name of names) {
      if (entries.length >= limit)
        throw new InputError(label, `holds more than ${limit} entries`, {
          hint: 'AIRLOCK_MAX_FS_ENTRIES raises the limit',
        });
      const path = prefix ? `${prefix}/${name}` : name;
      const full = join(dir, name);
      let stat: Stats;
      try {
        stat = lstatSync(full);
      } catch (err) {
        warnings.push({ path: `/${path}`, message: `cannot be read (${(err as NodeJS.ErrnoException).code})` });
        continue;
      }
      const entry = describe(full, path, stat);
      entries.push(entry);
      bytes += entry.size;
      hash.update(`${entry.kind}\0${path}\0${entry.size}\0${entry.linkname ?? ''}\n`);
      if (entry.kind === 'dir') await visit(full, path, depth + 1);
      else if (entry.kind === 'file') await readWantedFile(full, entry, wants(path), warnings);
    }
  };
  await visit(root, '', 0);
  return { entries, warnings, id: `sha256:${hash.digest('hex')}`, bytes };
}

function describe(full: string, path: string, stat: Stats): LayerEntry {
  const mode = stat.mode & 0o7777;
  if (stat.isSymbolicLink()) return { path, kind: 'symlink', size: 0, mode, linkname: readlinkSync(full) };
  if (stat.isDirectory()) return { path, kind: 'dir', size: 0, mode };
  if (stat.isFile()) return { path, kind: 'file', size: stat.size, mode };
  return { path, kind: 'other', size: 0, mode };
}

/** Reads at most `max` bytes of a file from `offset`, through one descriptor. */
function readPart(full: string, offset: number, max: number): Buffer {
  const fd = openSync(full, 'r');
  try {
    const size = Math.max(0, Math.min(fstatSync(fd).size - offset, max));
    const body = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, body, got, size - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return body.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Keeps or analyzes a wanted file's body. An analyzer gets the file itself for random
 * access (no copy is spilled) and reads the body only if it asks; analyses run one at a
 * time, so memory holds one body at most.
 */
async function readWantedFile(
  full: string,
  entry: LayerEntry,
  plan: ReturnType<WantsFile>,
  warnings: Warning[],
): Promise<void> {
  if (!plan) return;
  if (entry.size > plan.maxBytes) {
    warnings.push({
      path: `/${entry.path}`,
      message: `file of ${entry.size} bytes is larger than the ${plan.maxBytes} bytes read for it; skipped`,
    });
    return;
  }
  // As a layer scan marks it: a cataloger wanted this body and took it (the view relies on it).
  entry.read = true;
  try {
    if (plan.keep) entry.content = readPart(full, 0, plan.maxBytes);
  } catch (err) {
    warnings.push({ path: `/${entry.path}`, message: `cannot be read (${(err as NodeJS.ErrnoException).code})` });
    return;
  }
  if (!plan.analyze) return;
  const file = {
    path: `/${entry.path}`,
    size: entry.size,
    read: async () => entry.content ?? readPart(full, 0, plan.maxBytes),
    readAt: (offset: number, length: number) => readPart(full, offset, length),
    spill: async () => full,
  };
  try {
    entry.analysis = await plan.analyze(file);
  } catch (err) {
    warnings.push({ path: `/${entry.path}`, message: `could not be analyzed: ${(err as Error).message}` });
  }
}
