/**
 * Worker-thread entry of a multi-image `scan`: reads and matches one image and posts the
 * analysis back; the main thread stores it. Errors travel as plain data (a worker's
 * exceptions lose their class crossing the thread boundary).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeForScan, type ScanOptions } from '../scan.js';
import { toWireError } from './wire-error.js';

const { input, options } = workerData as { input: string; options: ScanOptions };

analyzeForScan(input, options).then(
  (analysis) => parentPort!.postMessage({ ok: true, analysis }),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: toWireError(err, input) }),
);
