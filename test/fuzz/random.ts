/**
 * The fuzzer's randomness: one seeded generator (xorshift128+ over BigInt-free 32-bit
 * halves, so a case is the same bytes on every machine) and byte-level mutations that
 * echo what breaks parsers: flipped bits, boundary values in size fields, cut or
 * duplicated runs, and bytes spliced in from elsewhere in the same input.
 */
export class Random {
  private a: number;
  private b: number;

  constructor(seed: number) {
    // splitmix32 spreads a small seed over both halves of the state.
    const mix = (x: number) => {
      x = (x + 0x9e3779b9) | 0;
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      return (x ^ (x >>> 16)) >>> 0;
    };
    this.a = mix(seed) || 1;
    this.b = mix(this.a ^ 0x5bd1e995) || 2;
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    let s1 = this.a;
    const s0 = this.b;
    this.a = s0;
    s1 ^= s1 << 23;
    s1 ^= s1 >>> 17;
    s1 ^= s0 ^ (s0 >>> 26);
    this.b = s1 >>> 0;
    return (this.a + this.b) >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  chance(p: number): boolean {
    return this.next() / 2 ** 32 < p;
  }
}

/** Values that sit on the edges size and count fields are checked against. */
const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x30, 0x37, 0x20, 0x2f, 0x2e, 0x0a, 0x22, 0x5c, 0x7b];
const WIDE = [0xffffffff, 0x7fffffff, 0x80000000, 0x00010000, 0x0000ffff, 0];

type Mutator = (data: Buffer, r: Random) => Buffer;

const MUTATORS: Mutator[] = [
  function flipBit(d, r) {
    if (!d.length) return d;
    const i = r.below(d.length);
    d[i] ^= 1 << r.below(8);
    return d;
  },
  function setInteresting(d, r) {
    if (!d.length) return d;
    d[r.below(d.length)] = r.pick(INTERESTING);
    return d;
  },
  function setWide(d, r) {
    if (d.length < 4) return d;
    const at = r.below(d.length - 3);
    if (r.chance(0.5)) d.writeUInt32LE(r.pick(WIDE), at);
    else d.writeUInt32BE(r.pick(WIDE), at);
    return d;
  },
  // Octal digits where tar keeps sizes and modes: a size field that lies.
  function octalDigits(d, r) {
    if (d.length < 12) return d;
    const at = r.below(d.length - 11);
    const digits = r.pick(['77777777777', '00000000000', '10000000000', '7777777', '1', '-1']);
    d.write(digits, at, 'latin1');
    return d;
  },
  function truncate(d, r) {
    return d.subarray(0, r.below(d.length + 1));
  },
  function removeRun(d, r) {
    const from = r.below(d.length + 1);
    const len = 1 + r.below(Math.min(4096, d.length - from + 1));
    return Buffer.concat([d.subarray(0, from), d.subarray(from + len)]);
  },
  function duplicateRun(d, r) {
    const from = r.below(d.length + 1);
    const len = 1 + r.below(Math.min(8192, d.length - from + 1));
    const run = d.subarray(from, from + len);
    const times = 1 + r.below(r.chance(0.1) ? 64 : 3);
    return Buffer.concat([d.subarray(0, from), ...Array<Buffer>(times + 1).fill(run), d.subarray(from + len)]);
  },
  function spliceFromElsewhere(d, r) {
    if (d.length < 2) return d;
    const len = 1 + r.below(Math.min(512, d.length));
    const from = r.below(d.length - len + 1);
    const to = r.below(d.length - len + 1);
    Buffer.from(d.subarray(from, from + len)).copy(d, to);
    return d;
  },
  function insertRandom(d, r) {
    const at = r.below(d.length + 1);
    const junk = Buffer.alloc(1 + r.below(64), 0).map(() => r.below(256));
    return Buffer.concat([d.subarray(0, at), junk, d.subarray(at)]);
  },
];

/** Applies 1 to `max` random mutations to a copy of `data`. */
export function mutate(data: Buffer, r: Random, max = 4): Buffer {
  let out = Buffer.from(data);
  const rounds = 1 + r.below(max);
  for (let i = 0; i < rounds; i++) out = Buffer.from(r.pick(MUTATORS)(out, r));
  return out;
}
