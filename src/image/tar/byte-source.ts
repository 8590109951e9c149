import { read, readSync } from 'node:fs';

/**
 * A forward-only byte source that the tar reader pulls from. Two kinds:
 * a region of a file on disk, where skipping a body is a seek (nothing is read),
 * and a stream (decompressed layers), where skipping drains bytes without keeping them.
 */
export interface ByteSource {
  /** Reads exactly `n` bytes; fewer only at the end of the source. */
  read(n: number): Promise<Buffer>;
  /** Skips `n` bytes; returns how many were actually there. */
  skip(n: number): Promise<number>;
  /** Bytes consumed so far, relative to the start of the source. */
  readonly position: number;
  /** Absolute offset in the underlying file, when it is one (lets readers re-read bodies later). */
  readonly fileOffset?: number;
  /** Random access to the underlying file, when it is one: `length` bytes at absolute `offset`. */
  readAt?(offset: number, length: number): Buffer;
}

const WINDOW = 256 * 1024;
const MIN_REFILL = 32 * 1024;

/**
 * A byte range of an open file, read through one reused window of up to 256 KiB, so
 * that headers of small files cost no syscall each and skipping a large body costs
 * neither a read nor an allocation. Returned buffers are valid until the next
 * read: callers copy what they keep.
 */
export class FileRegionSource implements ByteSource {
  private readonly buffer = Buffer.allocUnsafe(WINDOW);
  private window = this.buffer.subarray(0, 0);
  private windowStart = 0;
  private refill = MIN_REFILL;
  private pos: number;

  constructor(
    private readonly fd: number,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  get position(): number {
    return this.pos - this.start;
  }

  get fileOffset(): number {
    return this.pos;
  }

  async read(n: number): Promise<Buffer> {
    const want = Math.min(n, this.end - this.pos);
    if (want <= 0) return Buffer.alloc(0);
    if (this.pos >= this.windowStart && this.pos + want <= this.windowStart + this.window.length) {
      const from = this.pos - this.windowStart;
      this.pos += want;
      return this.window.subarray(from, from + want);
    }
    if (want > WINDOW) {
      // Larger than the window (a wanted file body): read it into its own buffer.
      const buf = Buffer.allocUnsafe(want);
      const got = readFully(this.fd, buf, this.pos);
      this.pos += got;
      return buf.subarray(0, got);
    }
    // After a seek (a skipped body) the next header is usually followed by more skips:
    // read a little. Runs of small files read on contiguously, so the window grows back.
    const contiguous = this.pos === this.windowStart + this.window.length;
    this.refill = contiguous ? Math.min(WINDOW, this.refill * 2) : MIN_REFILL;
    const got = readFully(
      this.fd,
      this.buffer.subarray(0, Math.min(Math.max(this.refill, want), this.end - this.pos)),
      this.pos,
    );
    this.window = this.buffer.subarray(0, got);
    this.windowStart = this.pos;
    const out = this.window.subarray(0, Math.min(want, got));
    this.pos += out.length;
    return out;
  }

  async skip(n: number): Promise<number> {
    const step = Math.max(0, Math.min(n, this.end - this.pos));
    this.pos += step;
    return step;
  }

  readAt(offset: number, length: number): Buffer {
    const from = Math.max(offset, this.start);
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.end - from)));
    return buf.subarray(0, readFully(this.fd, buf, from));
  }
}

function readFully(fd: number, buf: Buffer, position: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** Pulls from an async iterable of chunks (a decompression stream). */
export class StreamSource implements ByteSource {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private pos = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(iterable: AsyncIterable<Buffer>) {
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  get position(): number {
    return this.pos;
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    if (chunk.length) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    return true;
  }

  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill()));
    const take = Math.min(n, this.buffered);
    let out: Buffer;
    if (this.chunks.length && this.chunks[0].length >= take) {
      out = this.chunks[0].subarray(0, take);
      this.consumeHead(take);
    } else {
      out = Buffer.allocUnsafe(take);
      let off = 0;
      while (off < take) {
        const head = this.chunks[0];
        const part = Math.min(head.length, take - off);
        head.copy(out, off, 0, part);
        off += part;
        this.consumeHead(part);
      }
    }
    this.pos += take;
    return out;
  }

  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (!this.buffered && !(await this.fill())) break;
      if (!this.chunks.length) continue;
      const part = Math.min(this.chunks[0].length, left);
      this.consumeHead(part);
      left -= part;
    }
    this.pos += n - left;
    return n - left;
  }

  private consumeHead(n: number): void {
    const head = this.chunks[0];
    this.buffered -= n;
    if (n >= head.length) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
  }

  /** Stops the producer (e.g. after an error) so no decompression keeps running. */
  async close(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    await this.iterator.return?.();
  }
}

/** Chunks of a byte range of an open file, read on demand (no read-ahead, fd left open). */
export async function* fileRegionChunks(
  fd: number,
  start: number,
  end: number,
  chunkSize = 1 << 20,
): AsyncGenerator<Buffer> {
  for (let pos = start; pos < end;) {
    const buf = Buffer.allocUnsafe(Math.min(chunkSize, end - pos));
    const n = await new Promise<number>((resolve, reject) =>
      read(fd, buf, 0, buf.length, pos, (err, bytes) => (err ? reject(err) : resolve(bytes))),
    );
    if (n === 0) return;
    pos += n;
    yield n === buf.length ? buf : buf.subarray(0, n);
  }
}
