import { createHash, type Hash } from 'node:crypto';

/** A sha256 fed by a stream as it flows past: `through()` passes chunks on unchanged. */
export class StreamDigest {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  async *through(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.hash.update(chunk);
      this.bytes += chunk.length;
      yield chunk;
    }
  }

  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }

  get length(): number {
    return this.bytes;
  }
}

/** Pulls a source to its end, so a digest fed by it covers every byte. */
export async function drain(source: { skip(n: number): Promise<number> }): Promise<void> {
  while ((await source.skip(16 << 20)) > 0);
}
