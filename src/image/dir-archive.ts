import { closeSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES, type Archive } from './archive.js';
import { decompress, sniffCompression } from './decompress.js';
import { scanLayerTar, type LayerRecord, type WantsFile } from './layer-scan.js';
import { safeArchivePath } from './paths.js';
import { FileRegionSource, StreamSource, fileRegionChunks } from './tar/byte-source.js';
import { BLOCK, looksLikeTarHeader } from './tar/header.js';
import { layerError } from './tar-archive.js';

/** An OCI image layout directory on disk. Every member must stay inside it, even through symlinks. */
export class DirectoryArchive implements Archive {
  private readonly root: string;

  constructor(readonly label: string, dir: string) {
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
    if (size > maxBytes) throw new InputError(this.label, `${name} is ${size} bytes, more than the ${maxBytes} allowed for metadata`);
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
      const head = Buffer.alloc(Math.min(BLOCK, size));
      readSync(fd, head, 0, head.length, 0);
      const compression = sniffCompression(head, looksLikeTarHeader(head));
      if (compression === 'none') return await scanLayerTar(new FileRegionSource(fd, 0, size), wants);
      if (compression === 'unknown') throw new InputError(this.label, `layer ${name} is not a tar, gzip or zstd blob`);
      const source = new StreamSource(decompress(fileRegionChunks(fd, 0, size), compression, size));
      try {
        return await scanLayerTar(source, wants);
      } finally {
        await source.close();
      }
    } catch (err) {
      throw layerError(this.label, name, err);
    } finally {
      closeSync(fd);
    }
  }

  async close(): Promise<void> {}
}
