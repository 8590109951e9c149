import type { Warning } from '../sbom/model.js';
import { escapeField } from '../text/terminal-safe.js';

const SHOWN = 10;

/** Prints per-file warnings to stderr, a few of them: the JSON output keeps them all. */
export function reportWarnings(warnings: Warning[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const w of warnings.slice(0, SHOWN))
    stream.write(`warning: ${escapeField(w.path)}: ${escapeField(w.message)}\n`);
  if (warnings.length > SHOWN)
    stream.write(`warning: ... and ${warnings.length - SHOWN} more (all are listed in --format json)\n`);
}

/**
 * A service's warnings, one `warning:` line each. A warning quotes image text (entry
 * names, paths), so each is escaped as one field: a newline in it cannot start a line
 * that looks like airlock's own (the output guard, which knows no fields, keeps newlines).
 */
export function printWarnings(warnings: readonly string[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const w of warnings) stream.write(`warning: ${escapeField(w)}\n`);
}
