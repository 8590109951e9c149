import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';

/** sha256 of a file, streamed: a release tarball is tens of megabytes and never held in memory. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw new InputError(file, `cannot read: ${(cause as Error).message}`, { cause });
  }
  return hash.digest('hex');
}

/** The `.sha256` file: one line in sha256sum's format, so `sha256sum -c` checks it too. */
export function checksumLine(digest: string, name: string): string {
  return `${digest}  ${name}\n`;
}

/** Parses a `.sha256` file; it must name exactly one file, by its base name. */
export function parseChecksumLine(file: string, text: string): { digest: string; name: string } {
  const m = /^([0-9a-f]{64}) [ *]([^/\n]+)\n?$/.exec(text);
  if (!m) throw new InputError(file, 'not a sha256sum line ("<64 hex digits>  <file name>")');
  return { digest: m[1], name: m[2] };
}
