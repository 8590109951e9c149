/**
 * The rpm header blob as the package databases store it (rpm's `headerImport`): an index
 * of tag entries and the data store they point into, all big-endian. rpm files carry the
 * same structure after an 8-byte magic, which is accepted too.
 */

export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  /** File name of the source package, e.g. `openssl-3.0.7-27.el9.src.rpm`. */
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  modularityLabel?: string;
  /** Absolute paths of the files the package installed, joined by `\n` (compact). */
  files: string;
}

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  vendor: 1011,
  license: 1014,
  oldFileNames: 1027,
  arch: 1022,
  sourceRpm: 1044,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
  modularityLabel: 5096,
} as const;

const TYPE = { int32: 4, string: 6, stringArray: 8, i18nString: 9 } as const;
const HEADER_MAGIC = 0x8eade801;
/** rpm's own limits (header.c `hdrchkTags`/`hdrchkData`). */
const MAX_TAGS = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

interface Entry {
  type: number;
  offset: number;
  count: number;
}

/** Parses one header blob; throws an Error saying what is wrong with it. */
export function parseRpmHeader(blob: Buffer): RpmHeader {
  let base = 0;
  if (blob.length >= 8 && blob.readUInt32BE(0) === HEADER_MAGIC) base = 8;
  if (blob.length < base + 8) throw new Error(`header blob of ${blob.length} bytes is too short`);
  const indexCount = blob.readUInt32BE(base);
  const dataLength = blob.readUInt32BE(base + 4);
  if (indexCount === 0 || indexCount > MAX_TAGS || dataLength > MAX_DATA)
    throw new Error(`header claims ${indexCount} tags and ${dataLength} data bytes`);
  const dataStart = base + 8 + indexCount * 16;
  if (dataStart + dataLength > blob.length)
    throw new Error(`header of ${blob.length} bytes is truncated (needs ${dataStart + dataLength})`);
  const data = blob.subarray(dataStart, dataStart + dataLength);

  const entries = new Map<number, Entry>();
  for (let i = 0; i < indexCount; i++) {
    const at = base + 8 + i * 16;
    const entry = {
      type: blob.readUInt32BE(at + 4),
      offset: blob.readInt32BE(at + 8),
      count: blob.readUInt32BE(at + 12),
    };
    if (entry.offset < 0 || entry.offset > dataLength)
      throw new Error(`tag ${blob.readUInt32BE(at)} points outside the data store`);
    entries.set(blob.readUInt32BE(at), entry);
  }
  const reader = new TagReader(data, entries);

  const name = reader.string(TAG.name);
  const version = reader.string(TAG.version);
  const release = reader.string(TAG.release);
  if (!name || version === undefined || release === undefined)
    throw new Error('header has no name, version or release');
  const header: RpmHeader = { name, version, release, files: fileList(reader) };
  const epoch = reader.int32s(TAG.epoch)?.[0];
  if (epoch !== undefined) header.epoch = epoch;
  const optional = [
    ['arch', TAG.arch],
    ['sourceRpm', TAG.sourceRpm],
    ['license', TAG.license],
    ['vendor', TAG.vendor],
    ['modularityLabel', TAG.modularityLabel],
  ] as const;
  for (const [field, tag] of optional) {
    const value = reader.string(tag);
    if (value) header[field] = value;
  }
  return header;
}

/** Installed paths: BASENAMES joined to DIRNAMES by DIRINDEXES, or the pre-4.0 OLDFILENAMES. */
function fileList(reader: TagReader): string {
  const baseNames = reader.strings(TAG.baseNames);
  if (baseNames) {
    const dirNames = reader.strings(TAG.dirNames) ?? [];
    const dirIndexes = reader.int32s(TAG.dirIndexes) ?? [];
    if (dirIndexes.length !== baseNames.length) throw new Error('header has mismatched file name tags');
    return baseNames.map((b, i) => `${dirNames[dirIndexes[i]] ?? ''}${b}`).join('\n');
  }
  return (reader.strings(TAG.oldFileNames) ?? []).join('\n');
}

class TagReader {
  constructor(
    private readonly data: Buffer,
    private readonly entries: Map<number, Entry>,
  ) {}

  string(tag: number): string | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    if (e.type !== TYPE.string && e.type !== TYPE.i18nString && e.type !== TYPE.stringArray)
      throw new Error(`tag ${tag} is not a string`);
    return this.readStrings(tag, e, 1)[0];
  }

  strings(tag: number): string[] | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    if (e.type !== TYPE.stringArray && e.type !== TYPE.i18nString) throw new Error(`tag ${tag} is not a string array`);
    return this.readStrings(tag, e, e.count);
  }

  int32s(tag: number): number[] | undefined {
    const e = this.entries.get(tag);
    if (!e) return undefined;
    if (e.type !== TYPE.int32) throw new Error(`tag ${tag} is not an int32`);
    if (e.offset + e.count * 4 > this.data.length) throw new Error(`tag ${tag} runs past the data store`);
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) out.push(this.data.readInt32BE(e.offset + i * 4));
    return out;
  }

  private readStrings(tag: number, e: Entry, count: number): string[] {
    const out: string[] = [];
    let at = e.offset;
    for (let i = 0; i < count; i++) {
      const end = this.data.indexOf(0, at);
      if (end < 0) throw new Error(`tag ${tag} has an unterminated string`);
      out.push(this.data.toString('utf8', at, end));
      at = end + 1;
    }
    return out;
  }
}
