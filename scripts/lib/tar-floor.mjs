#!/usr/bin/env node
// The I/O floor of reading a docker-archive or OCI archive tarball for an SBOM: a
// seek-based walk of the outer tar's headers and, in place, of every layer tar's headers,
// reading the bytes of the dpkg status files only. Nothing a scanner could skip is read.
// Uncompressed archives only (a compressed layer cannot be walked without inflating it:
// its floor is `gzip -dc` / `zstd -dc`). Prints entries walked and status bytes read.
//   node scripts/lib/tar-floor.mjs IMAGE.tar
import { closeSync, openSync, readSync } from 'node:fs';

const BLOCK = 512;
const WANTED = /(^|\/)var\/lib\/dpkg\/status$/;

function octal(buf, at, len) {
  if (buf[at] & 0x80) {
    // GNU base-256: big-endian, high bit of the first byte is the marker.
    let n = buf[at] & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + buf[at + i];
    return n;
  }
  const text = buf
    .toString('latin1', at, at + len)
    .replace(/\0.*$/s, '')
    .trim();
  return text ? parseInt(text, 8) : 0;
}

function cString(buf, at, len) {
  const end = buf.indexOf(0, at);
  return buf.toString('utf8', at, end < 0 || end > at + len ? at + len : end);
}

function readAt(fd, length, position) {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Extended-header records `len key=value\n`, for path and size. */
function pax(data) {
  const out = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const len = Number(data.toString('latin1', at, space));
    if (!len) break;
    const record = data.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');
    out[record.slice(0, eq)] = record.slice(eq + 1);
    at += len;
  }
  return out;
}

/** Walks the tar occupying [start, end) of `fd`; calls `onEntry(name, dataOffset, size)`. */
function walk(fd, start, end, onEntry) {
  let at = start;
  let longName;
  let extended = {};
  let entries = 0;
  const header = Buffer.allocUnsafe(BLOCK);
  while (at + BLOCK <= end) {
    if (readSync(fd, header, 0, BLOCK, at) < BLOCK || header[0] === 0) break;
    let size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const data = at + BLOCK;
    at = data + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      const body = readAt(fd, size, data);
      if (type === 'L') longName = cString(body, 0, body.length);
      else extended = pax(body);
      continue;
    }
    if (type === 'g') continue;
    const prefix = header.toString('latin1', 257, 263) === 'ustar\0' ? cString(header, 345, 155) : '';
    const name = extended.path ?? longName ?? (prefix ? `${prefix}/` : '') + cString(header, 0, 100);
    if (extended.size !== undefined) {
      size = Number(extended.size);
      at = data + Math.ceil(size / BLOCK) * BLOCK;
    }
    longName = undefined;
    extended = {};
    entries++;
    if (type === '0' || type === '\0' || type === '7') onEntry(name, data, size);
  }
  return entries;
}

function isTarAt(fd, offset, size) {
  if (size < BLOCK) return false;
  const magic = readAt(fd, 6, offset + 257).toString('latin1');
  return magic === 'ustar\0' || magic === 'ustar ';
}

const file = process.argv[2];
if (!file) throw new Error('usage: tar-floor.mjs IMAGE.tar');
const fd = openSync(file, 'r');
let innerEntries = 0;
let wantedBytes = 0;
const outerEntries = walk(fd, 0, Number.MAX_SAFE_INTEGER, (name, offset, size) => {
  if (!isTarAt(fd, offset, size)) return;
  innerEntries += walk(fd, offset, offset + size, (inner, at, length) => {
    if (WANTED.test(inner)) wantedBytes += readAt(fd, length, at).length;
  });
});
closeSync(fd);
console.log(`${outerEntries + innerEntries} entries walked, ${wantedBytes} bytes of dpkg status read`);
