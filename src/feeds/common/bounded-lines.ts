/**
 * Splits a byte stream into lines without ever holding more than one line of at most
 * the line limit: a feed line of a gigabyte (no newline in sight) is dropped as it
 * streams by, with a warning naming the file and line, and reading goes on after it.
 * readline would buffer the whole line first, and past V8's string limit, crash.
 */
import type { FeedContext } from '../../advisories/model.js';
import { feedLineLimit } from './limits.js';

export interface NumberedLine {
  /** The line without its `\n` or `\r\n`. */
  text: string;
  /** 1-based, counting every line (skipped ones too). */
  lineNo: number;
}

const NEWLINE = 0x0a;

export async function* boundedLines(
  source: AsyncIterable<Buffer | string>,
  fileName: string,
  ctx: FeedContext,
): AsyncGenerator<NumberedLine> {
  const limit = feedLineLimit();
  let parts: Buffer[] = [];
  let length = 0;
  let oversized = false;
  let lineNo = 0;
  const finish = (): NumberedLine | undefined => {
    lineNo += 1;
    const wasOversized = oversized;
    const text = wasOversized ? '' : Buffer.concat(parts, length).toString('utf8');
    parts = [];
    length = 0;
    oversized = false;
    if (!wasOversized) return { text: text.endsWith('\r') ? text.slice(0, -1) : text, lineNo };
    ctx.warn({
      file: `${fileName}:${lineNo}`,
      message: `line longer than ${limit} bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)`,
    });
    return undefined;
  };
  const add = (piece: Buffer) => {
    if (oversized || piece.length === 0) return;
    if (length + piece.length > limit) {
      oversized = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      add(buffer.subarray(start, end));
      const line = finish();
      if (line) yield line;
      start = end + 1;
    }
    // Copied: a stream may reuse its chunk's memory, and the rest is kept until the next newline.
    if (start < buffer.length) add(Buffer.from(buffer.subarray(start)));
  }
  if (length > 0 || oversized) {
    const line = finish();
    if (line) yield line;
  }
}
