/**
 * `airlock scan IMAGE...` / `scan DIR`: several images read with bounded parallelism, each
 * stored as its own snapshot exactly as a single `scan` stores it. Outcomes are reported in
 * the order the images were named, whatever order they finish in; one image failing does
 * not stop the others.
 */
import { availableParallelism } from 'node:os';
import { statePaths } from '../../config/paths.js';
import { UserError } from '../../errors.js';
import { checkDatabase } from '../match.js';
import { checkScanName, storeScan, type ScanOptions, type ScanResult } from '../scan.js';
import { analyzeAll } from './pool.js';

export { expandScanInputs } from './inputs.js';

export type ImageOutcome = { input: string; result: ScanResult } | { input: string; error: unknown };

export interface ScanImagesOptions extends ScanOptions {
  /** Images read at once; default: the machine's cores, at most 4 (each reading holds an image's wanted files). */
  parallel?: number;
}

export interface ScanImagesSummary {
  images: number;
  failed: number;
  seconds: number;
}

export function defaultParallelism(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Scans `images` (already expanded by `expandScanInputs`). */
export async function scanImages(
  images: string[],
  options: ScanImagesOptions,
  onImage: (outcome: ImageOutcome) => void,
): Promise<ScanImagesSummary> {
  const started = process.hrtime.bigint();
  const now = options.now ?? new Date();
  if (options.name !== undefined && images.length > 1)
    throw new UserError(`--name names one image, and ${images.length} are being scanned`, {
      hint: 'scan the image to be named on its own, or name images afterwards with a scan of that image alone',
    });
  if (images.some((i) => i === '-' || i === 'sbom://-' || i === 'sbom:-') && images.length > 1)
    throw new UserError('an SBOM on standard input cannot be scanned together with other images', {
      hint: 'write it to a file and pass sbom:FILE',
    });
  checkScanName(options.name);
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  await checkDatabase(dbFile, now, options);
  const shared: ScanOptions = { ...options, now, dbFile, storeFile: options.storeFile ?? statePaths().snapshotDb };

  const done = new Map<number, ImageOutcome>();
  let reported = 0;
  let failed = 0;
  // The store takes one snapshot at a time; outcomes are shown in the order the images were named.
  let storing: Promise<void> = Promise.resolve();
  await analyzeAll(images, shared, options.parallel ?? defaultParallelism(), (index, outcome) => {
    storing = storing.then(async () => {
      const input = images[index]!;
      try {
        if ('error' in outcome) throw outcome.error;
        done.set(index, { input, result: await storeScan(outcome.analysis, shared) });
      } catch (error) {
        failed++;
        done.set(index, { input, error });
      }
      while (done.has(reported)) {
        onImage(done.get(reported)!);
        done.delete(reported++);
      }
    });
    return storing;
  });
  await storing;
  return { images: images.length, failed, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
