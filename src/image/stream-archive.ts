import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';
import { MAX_METADATA_BYTES, type Archive } from './archive.js';
import { decompress, sniffCompression, type Compression } from './decompress.js';
import { scanLayerTar, type LayerRecord, type WantsFile } from './layer-scan.js';
import { resolveLinkTarget, safeArchivePath } from './paths.js';
import { StreamSource } from './tar/byte-source.js';
import { BLOCK, TarFormatError, looksLikeTarHeader } from './tar/header.js';
import { readTar } from './tar/reader.js';
import { layerError } from './layer-region.js';
import { StreamDigest, drain } from './integrity/hashing.js';
import { ExpansionBudget, ImageExpansionError } from './expansion-budget.js';

/**
 * Small members are kept in memory until the manifest says which ones matter: real
 * archives hold a few MiB of JSON at most, so more than this in all is refused, or a
 * small gzip of many 16 MiB "metadata" members would be held whole.
 */
export const MAX_KEPT_METADATA_BYTES = 128 << 20;

type Member =
  | { kind: 'metadata'; data: Buffer }
  | { kind: 'layer'; size: number; record?: LayerRecord; error?: unknown }
  | { kind: 'link'; target: string };

/**
 * A compressed image tarball (`docker save | gzip`). It cannot be seeked, and the
 * manifest may come after the layers, so it is read in exactly one pass: small JSON
 * members are kept, and every member that looks like a layer is scanned as it goes
 * by. Format resolution then picks the layers it needs from what was kept.
 */
export class StreamArchive implements Archive {
  private constructor(
    readonly label: string,
    private readonly members: Map<string, Member>,
    private readonly wants: WantsFile,
    private readonly reopen: { path: string; outer: Compression; fileSize: number },
  ) {}

  static async open(
    path: string,
    label: string,
    outer: Compression,
    wants: WantsFile,
    fileSize: number,
  ): Promise<StreamArchive> {
    const members = new Map<string, Member>();
    const raw = createReadStream(path, { highWaterMark: 1 << 20 });
    const budget = new ExpansionBudget(fileSize);
    let kept = 0;
    const source = new StreamSource(decompress(raw, outer, fileSize, budget));
    try {
      for await (const entry of readTar(source)) {
        const name = safeArchivePath(entry.name);
        if (!name) continue;
        if (entry.type === 'symlink' || entry.type === 'hardlink') {
          const target =
            entry.type === 'symlink' ? resolveLinkTarget(name, entry.linkname) : safeArchivePath(entry.linkname);
          if (target) members.set(name, { kind: 'link', target });
          continue;
        }
        if (entry.type !== 'file') continue;
        const member = await readMember(name, entry.size, entry, wants, label, budget);
        if (member.kind === 'metadata') {
          kept +=
            member.data.length -
            (members.get(name)?.kind === 'metadata' ? (members.get(name) as { data: Buffer }).data.length : 0);
          if (kept > MAX_KEPT_METADATA_BYTES)
            throw new InputError(
              label,
              `holds more than ${MAX_KEPT_METADATA_BYTES} bytes of small non-layer members (JSON metadata is a few MiB at most)`,
            );
        }
        members.set(name, member);
      }
    } catch (err) {
      if (err instanceof TarFormatError)
        throw new InputError(label, `not a valid compressed tar archive: ${err.message}`, { cause: err });
      throw layerError(label, '(archive)', err);
    } finally {
      await source.close();
      raw.destroy();
    }
    return new StreamArchive(label, members, wants, { path, outer, fileSize });
  }

  /**
   * Reads some layers again, in a second pass over the whole archive, with other wants:
   * bodies that turned out to be needed only once every layer was known (a file written
   * through a lower layer's symlink, a hard link to a file nobody wanted). Costs one more
   * decompression of the archive, so it is only done for such images.
   */
  async rescanLayers(requests: Map<string, WantsFile>): Promise<Map<string, LayerRecord>> {
    const byStored = new Map<string, { name: string; wants: WantsFile }>();
    for (const [name, wants] of requests) byStored.set(this.storedName(name), { name, wants });
    const records = new Map<string, LayerRecord>();
    const raw = createReadStream(this.reopen.path, { highWaterMark: 1 << 20 });
    // The second pass gets a budget of its own: the first already proved the archive fits one.
    const budget = new ExpansionBudget(this.reopen.fileSize);
    const source = new StreamSource(decompress(raw, this.reopen.outer, this.reopen.fileSize, budget));
    try {
      for await (const entry of readTar(source)) {
        const name = safeArchivePath(entry.name);
        const request = name === undefined ? undefined : byStored.get(name);
        if (!request || entry.type !== 'file') continue;
        const member = await readMember(name!, entry.size, entry, request.wants, this.label, budget);
        if (member.kind !== 'layer' || !member.record)
          throw member.kind === 'layer' && member.error
            ? member.error
            : new InputError(this.label, `layer ${request.name} could not be read again`);
        records.set(request.name, member.record);
        if (records.size === requests.size) break;
      }
    } catch (err) {
      if (err instanceof TarFormatError)
        throw new InputError(this.label, `not a valid compressed tar archive: ${err.message}`, { cause: err });
      throw layerError(this.label, '(archive)', err);
    } finally {
      await source.close();
      raw.destroy();
    }
    for (const name of requests.keys())
      if (!records.has(name))
        throw new InputError(
          this.label,
          `layer ${name} was not found when the archive was read again (did the file change?)`,
        );
    return records;
  }

  /** The member a name ends at after following the archive's own links. */
  private storedName(name: string): string {
    let current = name;
    for (let hops = 0; hops <= 16; hops++) {
      const m = this.members.get(current);
      if (m?.kind !== 'link') return current;
      current = m.target;
    }
    return current;
  }

  private resolve(name: string): Member | undefined {
    let member = this.members.get(name);
    for (let hops = 0; member?.kind === 'link'; hops++) {
      if (hops > 16) return undefined;
      member = this.members.get(member.target);
    }
    return member;
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  sizeOf(name: string): number | undefined {
    const m = this.resolve(name);
    if (!m || m.kind === 'link') return undefined;
    return m.kind === 'metadata' ? m.data.length : m.size;
  }

  async readSmall(name: string, maxBytes = MAX_METADATA_BYTES): Promise<Buffer> {
    const m = this.resolve(name);
    if (!m) throw new InputError(this.label, `missing ${name} in the archive`);
    if (m.kind !== 'metadata' || m.data.length > maxBytes)
      throw new InputError(this.label, `${name} is not a metadata file of at most ${maxBytes} bytes`);
    return m.data;
  }

  async scanLayer(name: string, wants: WantsFile): Promise<LayerRecord> {
    if (wants !== this.wants) throw new Error('a stream archive scans layers once, with the wants it was opened with');
    const m = this.resolve(name);
    if (!m) throw new InputError(this.label, `missing ${name} in the archive`);
    if (m.kind !== 'layer') throw new InputError(this.label, `layer ${name} is not a tar, gzip or zstd blob`);
    if (m.error) throw m.error;
    return m.record!;
  }

  async close(): Promise<void> {}
}

/** Keeps a small JSON member, scans anything that looks like a layer, drops the rest. */
async function readMember(
  name: string,
  size: number,
  entry: { body(): Promise<Buffer>; chunks(): AsyncIterable<Buffer> },
  wants: WantsFile,
  label: string,
  budget: ExpansionBudget,
): Promise<Member> {
  const blob = new StreamDigest();
  if (size <= MAX_METADATA_BYTES) {
    const data = await entry.body();
    const head = data.subarray(0, BLOCK);
    const compression = sniffCompression(head, looksLikeTarHeader(head));
    if (compression === 'unknown') return { kind: 'metadata', data };
    return scanned(compression, blob.through(oneChunk(data)));
  }
  // Too large to keep: sniff the first chunk and scan the rest as it streams by.
  const chunks = entry.chunks()[Symbol.asyncIterator]();
  const first = await chunks.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const compression = sniffCompression(head.subarray(0, BLOCK), looksLikeTarHeader(head.subarray(0, BLOCK)));
  const rest = (async function* () {
    if (head.length) yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  })();
  if (compression === 'unknown') {
    for await (const _ of rest); // drain: not a layer, not metadata
    return { kind: 'layer', size, error: new InputError(label, `member ${name} is not a tar, gzip or zstd blob`) };
  }
  return scanned(compression, blob.through(rest));

  /**
   * Scans the member as a layer and hashes it as stored and uncompressed, reading it to
   * its end so both digests cover every byte (the manifest that names the expected
   * digests may come later in the archive).
   */
  async function scanned(compression: Compression, stored: AsyncGenerator<Buffer>): Promise<Member> {
    const content = compression === 'none' ? undefined : new StreamDigest();
    const source = new StreamSource(content ? content.through(decompress(stored, compression, size, budget)) : stored);
    try {
      const record = await scanLayerTar(source, wants);
      await drain(source);
      for await (const _ of stored); // whatever the decompressor left (trailing bytes)
      const blobDigest = blob.digest();
      return {
        kind: 'layer',
        size,
        record: { ...record, digests: { blob: blobDigest, content: content?.digest() ?? blobDigest } },
      };
    } catch (err) {
      if (err instanceof ImageExpansionError) throw err; // the whole image is over its budget: stop reading it
      // Not every blob is a layer; the error matters only if the manifest asks for this one.
      // The rest of the member is read off so the outer archive's walk can go on.
      for await (const _ of stored);
      return { kind: 'layer', size, error: layerError(label, name, err) };
    }
  }
}

async function* oneChunk(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}
