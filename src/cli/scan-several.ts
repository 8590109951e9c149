/**
 * A multi-image `scan`: each image's result under a heading naming it, in the order
 * named, then one summary line with the rate. Failed images are reported as they come
 * and make the exit status 1 at the end; the others are still scanned and stored.
 */
import { UserError } from '../errors.js';
import { defaultParallelism, scanImages, type ScanImagesOptions } from '../services/scan-many/index.js';
import { escapeField } from '../text/terminal-safe.js';
import { printScanResult } from './scan-output.js';

export async function scanSeveral(
  images: string[],
  options: ScanImagesOptions,
  showSuppressed: boolean,
): Promise<void> {
  const parallel = options.parallel ?? defaultParallelism();
  let shown = 0;
  const summary = await scanImages(images, { ...options, parallel }, (outcome) => {
    shown++;
    process.stdout.write(`${shown > 1 ? '\n' : ''}== [${shown}/${images.length}] ${outcome.input}\n`);
    if ('result' in outcome) return printScanResult(outcome.result, showSuppressed);
    const err = outcome.error as Error & { hint?: string };
    const message = err.message.includes(outcome.input) ? err.message : `${outcome.input}: ${err.message}`;
    process.stderr.write(`error: ${escapeField(err instanceof UserError ? message : `internal error: ${message}`)}\n`);
    if (err.hint) process.stderr.write(`hint: ${escapeField(err.hint)}\n`);
  });
  const perMinute = summary.seconds > 0 ? (summary.images / summary.seconds) * 60 : 0;
  process.stdout.write(
    `\nScanned ${summary.images - summary.failed} of ${summary.images} images in ${summary.seconds.toFixed(1)} s ` +
      `(${perMinute.toFixed(1)} images per minute, ${Math.min(parallel, summary.images)} at a time)\n`,
  );
  if (summary.failed > 0)
    throw new UserError(`${summary.failed} of ${summary.images} images could not be scanned`, {
      hint: 'the errors above name each one; the others were scanned and stored',
    });
}
