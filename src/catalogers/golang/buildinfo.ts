import { PF_W, PF_X, PT_LOAD, readVirtual, type Elf } from './elf.js';

/**
 * The build information the Go linker embeds in every executable since Go 1.13, as
 * `go version -m` reads it (src/debug/buildinfo). A 32-byte header starting with the
 * magic below sits 16-byte aligned at the start of the `.go.buildinfo` section (or of
 * the first writable, non-executable segment when section headers were stripped):
 *   [14] pointer size, [15] flags (bit 0: big endian, bit 1: strings inline).
 * Go 1.18+ writes the version and module strings inline after the header, each prefixed
 * by its length as a uvarint. Older toolchains write two pointers at [16] to Go string
 * headers `{data pointer, length}` elsewhere in the data segment.
 */
export interface GoBuildInfo {
  /** Toolchain, e.g. `go1.19.8`. */
  goVersion: string;
  /** The module information (`path`, `mod`, `dep`, `=>`, `build` lines); empty for GOPATH builds. */
  modinfo: string;
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
const ALIGN = 16;
/** debug/buildinfo reads at most this much from the start of the data. */
const SEARCH = 64 * 1024;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE = 2;
/** Longer strings are not build info; a bound against hostile lengths. */
const MAX_STRING = 16 * 1024 * 1024;

/** The build info of a Go executable; undefined when it is not one. Throws on corrupt build info. */
export function readGoBuildInfo(elf: Elf): GoBuildInfo | undefined {
  const start = dataStart(elf);
  if (!start) return undefined;
  const { data, vaddr } = start;
  let at = -1;
  for (let from = 0; ;) {
    const i = data.indexOf(MAGIC, from);
    if (i === -1 || data.length - i < HEADER) return undefined;
    if (i % ALIGN === 0) {
      at = i;
      break;
    }
    from = i + 1;
  }
  const header = data.subarray(at, at + HEADER);
  const ptrSize = header[14];
  const flags = header[15];
  let goVersion: string;
  let mod: string;
  if (flags & FLAG_INLINE) {
    const [version, next] = inlineString(elf, vaddr + at + HEADER);
    goVersion = version;
    mod = inlineString(elf, next)[0];
  } else {
    if (ptrSize !== 4 && ptrSize !== 8) throw new Error(`Go build info has pointer size ${ptrSize}`);
    const big = (flags & FLAG_BIG_ENDIAN) !== 0;
    const ptr = (b: Buffer, o: number) =>
      ptrSize === 8
        ? Number(big ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o))
        : big
          ? b.readUInt32BE(o)
          : b.readUInt32LE(o);
    goVersion = pointedString(elf, header, 16, ptrSize, ptr);
    mod = pointedString(elf, header, 16 + ptrSize, ptrSize, ptr);
  }
  if (!goVersion) return undefined;
  // The module string is framed by two 16-byte sentinels (cmd/go/internal/modload.ModInfoData).
  const modinfo = mod.length >= 33 && mod[mod.length - 17] === '\n' ? mod.slice(16, -16) : '';
  return { goVersion, modinfo };
}

/** The first bytes of where the linker puts the build info header, and their virtual address. */
function dataStart(elf: Elf): { data: Buffer; vaddr: number } | undefined {
  const section = elf.sections.find((s) => s.name === '.go.buildinfo');
  const segment = elf.segments.find((p) => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W);
  const vaddr = section?.addr ?? segment?.vaddr;
  if (vaddr === undefined) return undefined;
  const data = readVirtual(elf, vaddr, Math.min(section?.size ?? segment!.filesz, SEARCH));
  return data ? { data, vaddr } : undefined;
}

/** A uvarint-length-prefixed string at a virtual address (Go 1.18+); returns it and the address after it. */
function inlineString(elf: Elf, addr: number): [string, number] {
  const prefix = readVirtual(elf, addr, 10) ?? Buffer.alloc(0);
  let length = 0;
  let shift = 0;
  let i = 0;
  for (;;) {
    if (i >= prefix.length || shift > 35) throw new Error('Go build info string length is truncated');
    const b = prefix[i++];
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
    shift += 7;
  }
  if (length > MAX_STRING) throw new Error('Go build info string is implausibly long');
  const bytes = length ? readVirtual(elf, addr + i, length) : Buffer.alloc(0);
  if (!bytes || bytes.length < length) throw new Error('Go build info string runs past its segment');
  return [bytes.toString('utf8'), addr + i + length];
}

/** Follows a pointer to a Go string header `{data, len}` and reads the string (pre-1.18 format). */
function pointedString(
  elf: Elf,
  header: Buffer,
  at: number,
  ptrSize: number,
  ptr: (b: Buffer, o: number) => number,
): string {
  const stringHeader = readVirtual(elf, ptr(header, at), 2 * ptrSize);
  if (!stringHeader || stringHeader.length < 2 * ptrSize) return '';
  const length = ptr(stringHeader, ptrSize);
  if (length > MAX_STRING) throw new Error('Go build info string is implausibly long');
  const bytes = readVirtual(elf, ptr(stringHeader, 0), length);
  if (!bytes || bytes.length < length) return '';
  return bytes.toString('utf8');
}
