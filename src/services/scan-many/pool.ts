/**
 * Bounded parallelism for a multi-image scan: at most `parallel` images are read and
 * matched at once, each in its own worker thread (reading is CPU-bound JavaScript, so
 * only threads use a second core). A worker per image keeps one image's memory from
 * outliving it. `parallel` 1 reads in the main thread, one image after another.
 */
import { Worker } from 'node:worker_threads';
import { analyzeForScan, type ScanAnalysis, type ScanOptions } from '../scan.js';
import { fromWireError, type WireError } from './wire-error.js';

type WorkerReply = { ok: true; analysis: ScanAnalysis } | { ok: false; error: WireError };

/** Options a worker can be given: functions and streams do not cross threads. */
function cloneable(options: ScanOptions): ScanOptions {
  const { onLayer: _onLayer, stdin: _stdin, ...rest } = options as ScanOptions & { stdin?: unknown };
  return rest;
}

function analyzeInWorker(input: string, options: ScanOptions): Promise<ScanAnalysis> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { input, options: cloneable(options) },
    });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.analysis);
      else reject(fromWireError(reply.error));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the worker reading ${input} stopped with exit code ${code}`));
    });
  });
}

/**
 * Analyses every input, at most `parallel` at a time, and hands each outcome to `onAnalysed`
 * in completion order; resolves when all are done. Outcomes never reject the whole run.
 */
export async function analyzeAll(
  inputs: string[],
  options: ScanOptions,
  parallel: number,
  onAnalysed: (index: number, outcome: { analysis: ScanAnalysis } | { error: unknown }) => Promise<void>,
): Promise<void> {
  let next = 0;
  const analyze = parallel > 1 ? analyzeInWorker : analyzeForScan;
  async function lane(): Promise<void> {
    while (next < inputs.length) {
      const index = next++;
      let outcome: { analysis: ScanAnalysis } | { error: unknown };
      try {
        outcome = { analysis: await analyze(inputs[index]!, options) };
      } catch (error) {
        outcome = { error };
      }
      await onAnalysed(index, outcome);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, inputs.length)) }, lane));
}
