/**
 * Tar header parsing (POSIX ustar, GNU and PAX), written for untrusted input:
 * every length is bounded before anything is buffered, checksums are verified,
 * and numbers may be octal or GNU base-256.
 */
import { escapeField } from '../../text/terminal-safe.js';

export const BLOCK = 512;
/** PAX and GNU long-name records larger than this are refused (a "huge PAX header" attack). */
export const MAX_META_RECORD = 1 << 20;

export type EntryType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'other';

export interface RawHeader {
  name: string;
  linkname: string;
  size: number;
  mode: number;
  /** The raw typeflag character. */
  typeflag: string;
}

export class TarFormatError extends Error {}

function cString(buf: Buffer, start: number, end: number): string {
  const nul = buf.indexOf(0, start);
  const stop = nul === -1 || nul > end ? end : nul;
  return buf.toString('utf8', start, stop);
}

function parseNumber(buf: Buffer, start: number, end: number): number {
  if (buf[start] & 0x80) {
    // GNU base-256: big-endian two's complement in the remaining bits.
    let value = buf[start] & 0x7f;
    for (let i = start + 1; i < end; i++) value = value * 256 + buf[i];
    if (!Number.isSafeInteger(value)) throw new TarFormatError('size field out of range');
    return value;
  }
  const text = cString(buf, start, end).trim();
  if (text === '') return 0;
  // The field's bytes are the attacker's: shown escaped, so the error stays one line.
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`invalid numeric field "${escapeField(text.slice(0, 20))}"`);
  return parseInt(text, 8);
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function checksumMatches(block: Buffer): boolean {
  const stored = parseNumber(block, 148, 156);
  // The checksum field itself counts as eight spaces.
  let unsigned = 8 * 0x20;
  for (let i = 0; i < 148; i++) unsigned += block[i];
  for (let i = 156; i < BLOCK; i++) unsigned += block[i];
  if (stored === unsigned) return true;
  // Some old tars summed signed bytes; only look when the common case fails.
  let signed = unsigned;
  for (let i = 0; i < BLOCK; i++) if (block[i] > 127 && (i < 148 || i >= 156)) signed -= 256;
  return stored === signed;
}

/** Whether a 512-byte block looks like a tar header (used to detect tar content). */
export function looksLikeTarHeader(block: Buffer): boolean {
  if (block.length < BLOCK || isZeroBlock(block)) return false;
  try {
    return checksumMatches(block);
  } catch {
    return false;
  }
}

export function parseHeader(block: Buffer): RawHeader {
  if (!checksumMatches(block)) throw new TarFormatError('bad tar header checksum');
  const typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156]);
  let name = cString(block, 0, 100);
  const magic = block.toString('latin1', 257, 263);
  if (magic === 'ustar\u0000') {
    const prefix = cString(block, 345, 500);
    if (prefix) name = `${prefix}/${name}`;
  }
  return {
    name,
    linkname: cString(block, 157, 257),
    size: parseNumber(block, 124, 136),
    mode: parseNumber(block, 100, 108),
    typeflag,
  };
}

export function entryType(typeflag: string): EntryType {
  switch (typeflag) {
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    default:
      return 'other';
  }
}

/** Parses PAX records (`"%d %s=%s\n"`), keeping only the keys that change an entry. */
export function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space === -1) throw new TarFormatError('malformed PAX record');
    const len = parseInt(body.toString('latin1', pos, space), 10);
    if (!Number.isInteger(len) || len <= 0 || pos + len > body.length)
      throw new TarFormatError('malformed PAX record length');
    const record = body.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
