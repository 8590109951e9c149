import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES, type Archive } from './archive.js';
import type { LayerRecord, WantsFile } from './layer-scan.js';
import { scanLayerRegion } from './layer-region.js';
import { ExpansionBudget } from './expansion-budget.js';
import { resolveLinkTarget, safeArchivePath } from './paths.js';
import { FileRegionSource } from './tar/byte-source.js';
import { TarFormatError } from './tar/header.js';
import { readTar } from './tar/reader.js';

interface Member {
  type: 'file' | 'symlink' | 'hardlink' | 'dir' | 'other';
  offset: number;
  size: number;
  linkname?: string;
}

const MAX_LINK_HOPS = 16;

/**
 * An uncompressed image tarball on disk (docker save, oci-archive). Indexing reads
 * only headers; layers are then read in place, and an uncompressed layer is itself
 * walked by seeking, so bodies no cataloger wants are never read at all.
 */
export class TarFileArchive implements Archive {
  private constructor(
    readonly label: string,
    private readonly fd: number,
    private readonly members: Map<string, Member>,
    private readonly budget: ExpansionBudget,
  ) {}

  static async open(path: string, label = path): Promise<TarFileArchive> {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const members = new Map<string, Member>();
      for await (const entry of readTar(new FileRegionSource(fd, 0, size))) {
        const name = safeArchivePath(entry.name);
        if (name === undefined || name === '') continue; // unsafe names are never looked up
        const member: Member = { type: entry.type, offset: entry.bodyOffset ?? 0, size: entry.size };
        if (entry.type === 'symlink') member.linkname = resolveLinkTarget(name, entry.linkname);
        if (entry.type === 'hardlink') member.linkname = safeArchivePath(entry.linkname);
        members.set(name, member); // duplicate names: the last one wins, as tar extraction would
      }
      return new TarFileArchive(label, fd, members, new ExpansionBudget(size));
    } catch (err) {
      closeSync(fd);
      if (err instanceof TarFormatError)
        throw new InputError(label, `not a valid tar archive: ${err.message}`, { cause: err });
      throw err;
    }
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  sizeOf(name: string): number | undefined {
    return this.resolve(name)?.size;
  }

  /** Follows symlinks and hard links between members (skopeo's `<id>/layer.tar` → `<diff_id>.tar`). */
  private resolve(name: string): Member | undefined {
    let current = this.members.get(name);
    for (let hops = 0; current && (current.type === 'symlink' || current.type === 'hardlink'); hops++) {
      if (hops >= MAX_LINK_HOPS || current.linkname === undefined) return undefined;
      current = this.members.get(current.linkname);
    }
    return current?.type === 'file' ? current : undefined;
  }

  private need(name: string): Member {
    const member = this.resolve(name);
    if (!member) throw new InputError(this.label, `missing ${name} in the archive`);
    return member;
  }

  async readSmall(name: string, maxBytes = MAX_METADATA_BYTES): Promise<Buffer> {
    const member = this.need(name);
    if (member.size > maxBytes)
      throw new InputError(
        this.label,
        `${name} is ${member.size} bytes, more than the ${maxBytes} allowed for metadata`,
      );
    const buf = Buffer.alloc(member.size);
    const got = member.size ? readSync(this.fd, buf, 0, member.size, member.offset) : 0;
    if (got < member.size) throw new InputError(this.label, `${name} is truncated`);
    return buf;
  }

  async scanLayer(name: string, wants: WantsFile): Promise<LayerRecord> {
    const member = this.need(name);
    return scanLayerRegion(this.fd, member.offset, member.size, wants, this.label, name, this.budget);
  }

  async close(): Promise<void> {
    closeSync(this.fd);
  }
}
