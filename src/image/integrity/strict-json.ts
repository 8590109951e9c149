/**
 * JSON for image metadata (manifest.json, index.json, manifests, configs), parsed as
 * a verifier must: two readers of a document with a repeated key disagree on which
 * value counts (Go's encoding/json takes the last, some take the first), so an image
 * could show one set of layers to a registry and another to us. A repeated key is
 * refused, as bundle manifests already are (they must be canonical).
 */
export class StrictJsonError extends Error {}

/** Deeper nesting than any real manifest or config; keeps the scan's stack bounded. */
export const MAX_JSON_DEPTH = 128;

export function parseStrictJson(text: string): unknown {
  checkKeys(text);
  return JSON.parse(text) as unknown;
}

/**
 * One pass over the text that tracks, per open object, the keys seen so far. Strings
 * are decoded with JSON.parse so that `"a"` and `"\u0061"` count as the same key.
 * Malformed text is left for JSON.parse to reject with its own message.
 */
function checkKeys(text: string): void {
  const stack: (Set<string> | null)[] = []; // null: an array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return;
      const top = stack[stack.length - 1];
      if (top && expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return;
        }
        if (top.has(key)) throw new StrictJsonError(`duplicate key ${JSON.stringify(key).slice(0, 80)}`);
        top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH) throw new StrictJsonError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
      stack.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
}

/** Index of the closing quote of the string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}
