import { Worker } from 'node:worker_threads';

/**
 * Hashes byte ranges of open files on a worker thread, so that verifying a layer's
 * digest (which needs every byte) runs on the second core while the main thread
 * walks the same layer's tar headers by seeking. One worker serves the process;
 * it is unref'd, so it never keeps the process alive.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(4 << 20);
parentPort.on('message', ({ id, fd, start, end }) => {
  try {
    const hash = createHash('sha256');
    let pos = start;
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      pos += n;
    }
    parentPort.postMessage({ id, digest: 'sha256:' + hash.digest('hex'), bytes: pos - start });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

interface Pending {
  resolve(value: { digest: string; bytes: number }): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function hashWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  w.on('message', (msg: { id: number; digest?: string; bytes?: number; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(msg.error));
    else p.resolve({ digest: msg.digest!, bytes: msg.bytes! });
    if (!pending.size) w.unref();
  });
  w.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  });
  worker = w;
  return w;
}

/** sha256 of [start, end) of an open file descriptor, and how many bytes were there. */
export function hashFileRegion(fd: number, start: number, end: number): Promise<{ digest: string; bytes: number }> {
  const w = hashWorker();
  const id = nextId++;
  w.ref(); // while a job is out, the process waits for it
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, fd, start, end });
  });
}
