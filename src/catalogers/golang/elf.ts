/**
 * Just enough of ELF (the System V gABI, both classes and byte orders) to find a named
 * section or the bytes at a virtual address, reading only the headers and the bytes
 * asked for. Shared by the Go and Rust binary catalogers.
 */
import { escapeField } from '../../text/terminal-safe.js';

/** Random access to a file's bytes; returns fewer bytes only past the end. */
export type ReadAt = (offset: number, length: number) => Buffer;

export interface ElfSection {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

export interface Elf {
  is64: boolean;
  bigEndian: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
  readAt: ReadAt;
}

export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
const SHT_NOBITS = 8;
/** More headers than any real linker writes: a bound against hostile counts. */
const MAX_HEADERS = 65_535;

export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(ELF_MAGIC);
}

/** Parses the headers; undefined when the bytes are not ELF. Throws on truncated or inconsistent headers. */
export function readElf(readAt: ReadAt): Elf | undefined {
  const ident = readAt(0, 64);
  if (!isElf(ident)) return undefined;
  if (ident.length < 52) throw new Error('ELF header is truncated');
  const is64 = ident[4] === 2;
  const bigEndian = ident[5] === 2;
  const u16 = (b: Buffer, o: number) => (bigEndian ? b.readUInt16BE(o) : b.readUInt16LE(o));
  const u32 = (b: Buffer, o: number) => (bigEndian ? b.readUInt32BE(o) : b.readUInt32LE(o));
  const word = (b: Buffer, o: number) =>
    is64 ? Number(bigEndian ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o)) : u32(b, o);
  if (is64 && ident.length < 64) throw new Error('ELF header is truncated');

  const phoff = word(ident, is64 ? 0x20 : 0x1c);
  const shoff = word(ident, is64 ? 0x28 : 0x20);
  const [phentsize, phnum, shentsize, shnum, shstrndx] = [0, 2, 4, 6, 8].map((d) =>
    u16(ident, (is64 ? 0x36 : 0x2a) + d),
  );
  if (phnum > MAX_HEADERS || shnum > MAX_HEADERS) throw new Error('ELF header counts are implausible');

  const segments: ElfSegment[] = [];
  const ph = phnum ? table(readAt, phoff, phentsize, phnum, is64 ? 56 : 32) : Buffer.alloc(0);
  for (let i = 0; i < phnum; i++) {
    const o = i * phentsize;
    segments.push(
      is64
        ? {
            type: u32(ph, o),
            flags: u32(ph, o + 4),
            offset: word(ph, o + 8),
            vaddr: word(ph, o + 16),
            filesz: word(ph, o + 32),
            memsz: word(ph, o + 40),
          }
        : {
            type: u32(ph, o),
            offset: u32(ph, o + 4),
            vaddr: u32(ph, o + 8),
            filesz: u32(ph, o + 16),
            memsz: u32(ph, o + 20),
            flags: u32(ph, o + 24),
          },
    );
  }

  const raw: (ElfSection & { nameOffset: number })[] = [];
  const sh = shnum && shoff ? table(readAt, shoff, shentsize, shnum, is64 ? 64 : 40) : Buffer.alloc(0);
  for (let i = 0; sh.length && i < shnum; i++) {
    const o = i * shentsize;
    raw.push(
      is64
        ? {
            nameOffset: u32(sh, o),
            name: '',
            type: u32(sh, o + 4),
            addr: word(sh, o + 16),
            offset: word(sh, o + 24),
            size: word(sh, o + 32),
          }
        : {
            nameOffset: u32(sh, o),
            name: '',
            type: u32(sh, o + 4),
            addr: u32(sh, o + 12),
            offset: u32(sh, o + 16),
            size: u32(sh, o + 20),
          },
    );
  }
  const strtab = raw[shstrndx];
  const names =
    strtab && strtab.type !== SHT_NOBITS ? readAt(strtab.offset, Math.min(strtab.size, 1 << 20)) : Buffer.alloc(0);
  const sections = raw.map(({ nameOffset, ...s }) => {
    const end = names.indexOf(0, nameOffset);
    return {
      ...s,
      name: nameOffset < names.length ? names.toString('latin1', nameOffset, end === -1 ? names.length : end) : '',
    };
  });
  return { is64, bigEndian, sections, segments, readAt };
}

function table(readAt: ReadAt, offset: number, entsize: number, count: number, minEntsize: number): Buffer {
  if (entsize < minEntsize) throw new Error(`ELF header entry size ${entsize} is too small`);
  const buf = readAt(offset, entsize * count);
  if (buf.length < entsize * count) throw new Error('ELF header table runs past the end of the file');
  return buf;
}

/** The file bytes of a section, or undefined if there is no such section with contents. */
export function sectionData(elf: Elf, name: string, maxBytes: number): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (!s || s.type === SHT_NOBITS) return undefined;
  if (s.size > maxBytes)
    throw new Error(`section ${escapeField(name)} of ${s.size} bytes is larger than the ${maxBytes} read`);
  return elf.readAt(s.offset, s.size);
}

/** Up to `length` bytes at a virtual address, from the loadable segment that maps it. */
export function readVirtual(elf: Elf, addr: number, length: number): Buffer | undefined {
  for (const p of elf.segments) {
    if (p.type === PT_LOAD && addr >= p.vaddr && addr < p.vaddr + p.filesz) {
      return elf.readAt(p.offset + (addr - p.vaddr), Math.min(length, p.vaddr + p.filesz - addr));
    }
  }
  return undefined;
}
