import { closeSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES, type Archive } from './archive.js';
import type { LayerRecord, WantsFile } from './layer-scan.js';
import { scanLayerRegion } from './layer-region.js';
import { ExpansionBudget } from './expansion-budget.js';
import { safeArchivePath } from './paths.js';

/** An OCI image layout directory on disk. Every member must stay inside it, even through symlinks. */
export class DirectoryArchive implements Archive {
  private readonly root: string;
  /** A layout's blobs are separate files: each one scanned widens the image's budget by its size. */
  private readonly budget = new ExpansionBudget();

  constructor(
    readonly label: string,
    dir: string,
  ) {
    this.root = realpathSync(dir);
  }

  private locate(name: string): string | undefined {
    const safe = safeArchivePath(name);
    if (safe === undefined) return undefined;
    let real: string;
    try {
      real = realpathSync(join(this.root, safe));
    } catch {
      return undefined;
    }
    const rel = relative(this.root, real);
    if (rel.startsWith('..') || rel.startsWith(sep)) return undefined; // a symlink out of the layout
    return statSync(real).isFile() ? real : undefined;
  }

  has(name: string): boolean {
    return this.locate(name) !== undefined;
  }

  names(): string[] {
    const out: string[] = [];
    const walk = (dir: string, prefix: string, depth: number): void => {
      if (depth > 4) return;
      for (const ent of readdirSync(dir, { withFileTypes: true })) {
        const name = prefix ? `${prefix}/${ent.name}` : ent.name;
        if (ent.isDirectory()) walk(join(dir, ent.name), name, depth + 1);
        else out.push(name);
      }
    };
    walk(this.root, '', 0);
    return out;
  }

  sizeOf(name: string): number | undefined {
    const file = this.locate(name);
    return file ? lstatSync(file).size : undefined;
  }

  private need(name: string): string {
    const file = this.locate(name);
    if (!file) throw new InputError(this.label, `missing ${name} in the layout directory`);
    return file;
  }

  async readSmall(name: string, maxBytes = MAX_METADATA_BYTES): Promise<Buffer> {
    const file = this.need(name);
    const size = statSync(file).size;
    if (size > maxBytes)
      throw new InputError(this.label, `${name} is ${size} bytes, more than the ${maxBytes} allowed for metadata`);
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size);
      readSync(fd, buf, 0, size, 0);
      return buf;
    } finally {
      closeSync(fd);
    }
  }

  async scanLayer(name: string, wants: WantsFile): Promise<LayerRecord> {
    const file = this.need(name);
    const fd = openSync(file, 'r');
    try {
      const size = statSync(file).size;
      this.budget.addCompressed(size);
      return await scanLayerRegion(fd, 0, size, wants, this.label, name, this.budget);
    } finally {
      closeSync(fd);
    }
  }

  async close(): Promise<void> {}
}
