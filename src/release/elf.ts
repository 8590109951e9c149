import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * What a Linux binary asks of the machine that runs it, read from its ELF dynamic section:
 * the shared libraries it links (DT_NEEDED) and the symbol versions it needs from each
 * (.gnu.version_r, e.g. GLIBC_2.34). A release uses it to refuse a Node or addon that
 * needs a library the target may lack (Debian's own nodejs links libnode.so), and to
 * state the glibc a target needs from the binaries themselves rather than from memory.
 * Only the headers and two small sections are read, never the whole binary.
 */
export interface ElfNeeds {
  machine: number;
  needed: string[];
  /** Version names needed, by library file: {"libc.so.6": ["GLIBC_2.2.5", …]}. */
  versions: Record<string, string[]>;
}

export const EM_X86_64 = 62;
const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NEEDED = 1n;

export async function isElf(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    return magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    await handle.close();
  }
}

export async function readElfNeeds(file: string): Promise<ElfNeeds> {
  const handle = await open(file, 'r');
  const read = async (position: number, length: number): Promise<Buffer> => {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, position);
    if (bytesRead !== length) throw new InputError(file, `truncated ELF file (wanted ${length} bytes at ${position})`);
    return buf;
  };
  try {
    const eh = await read(0, 64);
    if (eh.readUInt32BE(0) !== 0x7f454c46 || eh[4] !== 2 || eh[5] !== 1)
      throw new InputError(file, 'not a 64-bit little-endian ELF file');
    const shoff = Number(eh.readBigUInt64LE(0x28));
    const shentsize = eh.readUInt16LE(0x3a);
    const shnum = eh.readUInt16LE(0x3c);
    if (shentsize < 64 || shnum > 4096) throw new InputError(file, 'implausible ELF section table');
    const table = await read(shoff, shentsize * shnum);
    const sections = Array.from({ length: shnum }, (_, i) => {
      const o = i * shentsize;
      return {
        type: table.readUInt32LE(o + 4),
        offset: Number(table.readBigUInt64LE(o + 0x18)),
        size: Number(table.readBigUInt64LE(o + 0x20)),
        link: table.readUInt32LE(o + 0x28),
      };
    });
    const body = async (s: { offset: number; size: number }) => {
      if (s.size > 16 << 20)
        throw new InputError(file, `ELF section of ${s.size} bytes is too big for a dynamic section`);
      return read(s.offset, s.size);
    };
    const str = (strtab: Buffer, at: number) => strtab.toString('latin1', at, Math.max(at, strtab.indexOf(0, at)));
    const needed: string[] = [];
    const versions: Record<string, string[]> = {};
    for (const s of sections) {
      if (s.type === SHT_DYNAMIC && sections[s.link]) {
        const [dyn, strtab] = [await body(s), await body(sections[s.link])];
        for (let o = 0; o + 16 <= dyn.length; o += 16) {
          const tag = dyn.readBigInt64LE(o);
          if (tag === 0n) break;
          if (tag === DT_NEEDED) needed.push(str(strtab, Number(dyn.readBigUInt64LE(o + 8))));
        }
      } else if (s.type === SHT_GNU_VERNEED && sections[s.link]) {
        const [vn, strtab] = [await body(s), await body(sections[s.link])];
        for (let o = 0, guard = 0; o + 16 <= vn.length && guard < 1024; guard++) {
          const lib = str(strtab, vn.readUInt32LE(o + 4));
          const names = (versions[lib] ??= []);
          for (let a = o + vn.readUInt32LE(o + 8), n = vn.readUInt16LE(o + 2); n > 0 && a + 16 <= vn.length; n--) {
            names.push(str(strtab, vn.readUInt32LE(a + 8)));
            const next = vn.readUInt32LE(a + 12);
            if (next === 0) break;
            a += next;
          }
          const next = vn.readUInt32LE(o + 12);
          if (next === 0) break;
          o += next;
        }
      }
    }
    return { machine: eh.readUInt16LE(0x12), needed, versions };
  } finally {
    await handle.close();
  }
}

/** The highest `PREFIX_x.y.z` among the versions needed, e.g. highestVersion(needs, 'GLIBC'). */
export function highestVersion(all: ElfNeeds[], prefix: string): string | undefined {
  const found = all
    .flatMap((n) => Object.values(n.versions).flat())
    .filter((v) => v.startsWith(`${prefix}_`) && /^[\d.]+$/.test(v.slice(prefix.length + 1)));
  const parts = (v: string) =>
    v
      .slice(prefix.length + 1)
      .split('.')
      .map(Number);
  const cmp = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  };
  return found.sort(cmp).at(-1);
}
