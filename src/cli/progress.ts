import { writeRaw } from './terminal-guard.js';
import type { Layer } from '../sbom/model.js';

/**
 * Progress for long reads, on stderr, only when stderr is a terminal: piped output and
 * CI logs get nothing extra. After each layer one line is redrawn, in Docker Scout's
 * `✓ Indexed N packages` style:
 *
 *     ⠿ Reading layer 3/7 · 412.5 MB of 1.2 GB · ETA 6s
 *
 * and at the end it is replaced by `✓ Read 7 layers, 1.2 GB in 9.1s`. The ETA assumes
 * the rest reads as fast as what was read so far.
 */
export function layerProgress(
  stream: NodeJS.WriteStream = process.stderr,
  clock: () => number = Date.now,
): ((done: number, total: number, layer: Layer, layers?: Layer[]) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const start = clock();
  return (done, total, layer, layers = [layer]) => {
    const totalBytes = layers.reduce((sum, l) => sum + l.size, 0);
    const doneBytes = layers.slice(0, done).reduce((sum, l) => sum + l.size, 0);
    const elapsed = (clock() - start) / 1000;
    if (done === total) {
      writeRaw(
        stream,
        `\r\u001b[2K    ✓ Read ${total} ${total === 1 ? 'layer' : 'layers'}, ${formatBytes(totalBytes)} in ${elapsed.toFixed(1)}s\n`,
      );
      return;
    }
    const eta = doneBytes > 0 ? ` · ETA ${formatSeconds((elapsed * (totalBytes - doneBytes)) / doneBytes)}` : '';
    writeRaw(
      stream,
      `\r\u001b[2K    ⠿ Reading layer ${done}/${total} · ${formatBytes(doneBytes)} of ${formatBytes(totalBytes)}${eta}`,
    );
  };
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
