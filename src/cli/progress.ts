import { writeRaw } from './terminal-guard.js';
import { escapeField } from '../text/terminal-safe.js';
import type { Layer } from '../sbom/model.js';

/**
 * Progress for long reads, on stderr, only when stderr is a terminal: piped
 * output and CI logs stay clean. Returns undefined when there is nothing to show.
 */
export function layerProgress(stream: NodeJS.WriteStream = process.stderr): ((done: number, total: number, layer: Layer) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (done, total, layer) => {
    const line = `Reading layer ${done}/${total} ${layer.diffId.slice(7, 19)} ${formatBytes(layer.size)}`;
    writeRaw(stream, `\r\u001b[2K${escapeField(line)}`);
    if (done === total) writeRaw(stream, '\r\u001b[2K');
  };
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
