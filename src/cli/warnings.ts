import type { Warning } from '../sbom/model.js';

const SHOWN = 10;

/** Prints per-file warnings to stderr, a few of them: the JSON output keeps them all. */
export function reportWarnings(warnings: Warning[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const w of warnings.slice(0, SHOWN)) stream.write(`warning: ${w.path}: ${w.message}\n`);
  if (warnings.length > SHOWN)
    stream.write(`warning: ... and ${warnings.length - SHOWN} more (all are listed in --format json)\n`);
}
