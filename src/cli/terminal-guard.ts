import { guardOutput } from '../text/terminal-safe.js';

type Write = NodeJS.WriteStream['write'];

/** Each guard installed, mapped to the write it wraps. */
const guarded = new WeakMap<Write, Write>();

/**
 * The safety net (see src/text/terminal-safe.ts for who escapes what): every write to
 * stdout and stderr goes through guardOutput, so no report, warning or
 * error line can carry a raw control sequence from an image, whichever code printed
 * it. airlock's own terminal control (progress lines, the review screen) uses
 * writeRaw or withRawWrites. Installed by every command at start; it wraps whatever
 * `write` is current (test runners replace it), and never twice.
 */
export function installTerminalGuard(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (guarded.has(stream.write)) continue;
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const guard = function (chunk: unknown, ...rest: unknown[]): boolean {
      const text =
        typeof chunk === 'string'
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('utf8')
            : undefined;
      return original(text === undefined ? chunk : guardOutput(text), ...rest);
    } as Write;
    guarded.set(guard, original as Write);
    stream.write = guard;
  }
}

/** Writes airlock's own control sequences (cursor, erase line) past the guard. */
export function writeRaw(stream: NodeJS.WriteStream, text: string): boolean {
  const original = guarded.get(stream.write);
  return original ? original(text) : stream.write(text);
}

/** Runs `body` with the guard lifted from `stream`: Ink paints the review screen with cursor control. */
export async function withRawWrites<T>(stream: NodeJS.WriteStream, body: () => Promise<T>): Promise<T> {
  const current = stream.write;
  const original = guarded.get(current);
  if (!original) return body();
  stream.write = original;
  try {
    return await body();
  } finally {
    if (stream.write === original) stream.write = current;
  }
}
