/**
 * Streams the elements of one top-level array of a JSON document (NVD's `vulnerabilities`)
 * without holding the document in memory: an NVD year file is hundreds of megabytes, its
 * elements a few kilobytes each. Each element is parsed on its own; the rest of the
 * document (with that array emptied) is parsed and returned last.
 *
 * A document without such an array (a single NVD `cve` object) comes back whole as the
 * `document` item, so one reader serves every layout.
 */
import { StringDecoder } from 'node:string_decoder';
import { checkRecordEntries, feedRecordByteLimit, recordTooLarge } from './limits.js';

export type JsonStreamItem =
  | { kind: 'element'; index: number; value: unknown }
  /** An element that is not valid JSON; reading goes on with the next one. */
  | { kind: 'bad-element'; index: number; error: string }
  | { kind: 'document'; value: unknown };

export async function* streamJsonArray(
  source: AsyncIterable<Buffer | string>,
  arrayKey: string,
): AsyncGenerator<JsonStreamItem> {
  const scanner = new ArrayScanner(arrayKey);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    yield* scanner.feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* scanner.feed(decoder.end());
  yield scanner.finish();
}

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

class ArrayScanner {
  private mode: 'outside' | 'array' | 'element' = 'outside';
  private elementKind: 'container' | 'string' | 'scalar' = 'container';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private first = true;
  private readonly rest: string[] = [];
  private element: string[] = [];
  // Bytes of the element so far; past the record limit its text is dropped as it streams by.
  private elementBytes = 0;
  private elementTooLarge = false;
  private restBytes = 0;
  private readonly limit = feedRecordByteLimit();
  private index = 0;
  // Keys of the top-level object, so we know when the value is the array we stream.
  private expectKey = false;
  private keyParts: string[] | undefined;
  private keyFrom = 0;
  private lastKey: string | undefined;
  private valueKey: string | undefined;

  constructor(private readonly arrayKey: string) {}

  feed(input: string): JsonStreamItem[] {
    let text = input;
    if (this.first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      this.first = false;
    }
    const items: JsonStreamItem[] = [];
    let seg = 0; // start of the slice of `text` not yet copied
    const finishElement = (end: number) => {
      this.keepElement(text.slice(seg, end));
      items.push(
        this.elementTooLarge
          ? { kind: 'bad-element', index: this.index++, error: recordTooLarge(this.limit).message }
          : parseElement(this.element.join(''), this.index++),
      );
      this.element = [];
      this.elementBytes = 0;
      this.elementTooLarge = false;
      this.mode = 'array';
      seg = end;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(text.slice(this.keyFrom, i));
            this.lastKey = this.keyParts.join('');
            this.keyParts = undefined;
          }
          if (this.mode === 'element' && this.elementKind === 'string') finishElement(i + 1);
        }
        continue;
      }
      if (this.mode === 'array') {
        if (c === ',' || isSpace(c)) continue;
        if (c === ']') {
          this.depth = 1;
          this.mode = 'outside';
          seg = i; // the closing bracket goes back into the document text
          continue;
        }
        this.mode = 'element';
        this.elementKind = c === '{' || c === '[' ? 'container' : c === '"' ? 'string' : 'scalar';
        seg = i;
      } else if (this.mode === 'element' && this.elementKind === 'scalar' && (c === ',' || c === ']' || isSpace(c))) {
        finishElement(i);
        i--; // let array mode see the delimiter
        continue;
      }
      if (c === '"') {
        this.inString = true;
        if (this.mode === 'outside' && this.depth === 1 && this.expectKey) {
          this.expectKey = false;
          this.keyParts = [];
          this.keyFrom = i + 1;
        }
      } else if (c === '{' || c === '[') {
        if (this.mode === 'outside' && this.depth === 1 && c === '[' && this.valueKey === this.arrayKey) {
          this.keepRest(text.slice(seg, i + 1));
          seg = i + 1;
          this.depth = 2;
          this.mode = 'array';
          this.valueKey = undefined;
          continue;
        }
        this.depth++;
        if (this.mode === 'outside' && this.depth === 1) this.expectKey = c === '{';
        this.valueKey = undefined;
      } else if (c === '}' || c === ']') {
        this.depth--;
        if (this.mode === 'element' && this.depth === 2) finishElement(i + 1);
      } else if (this.mode === 'outside' && this.depth === 1) {
        if (c === ':') this.valueKey = this.lastKey;
        else if (c === ',') this.expectKey = true;
        else if (!isSpace(c)) this.valueKey = undefined;
      }
    }
    // Carry this chunk's unfinished slices over to the next one.
    if (this.inString && this.keyParts) this.keyParts.push(text.slice(this.keyFrom));
    this.keyFrom = 0;
    if (this.mode === 'outside') this.keepRest(text.slice(seg));
    else if (this.mode === 'element') this.keepElement(text.slice(seg));
    return items;
  }

  private keepElement(piece: string): void {
    if (this.elementTooLarge) return;
    this.elementBytes += Buffer.byteLength(piece);
    if (this.elementBytes > this.limit) {
      this.elementTooLarge = true;
      this.element = [];
    } else this.element.push(piece);
  }

  /** The document around the array is parsed whole at the end, so it is held to the record limit too. */
  private keepRest(piece: string): void {
    this.restBytes += Buffer.byteLength(piece);
    if (this.restBytes > this.limit) throw recordTooLarge(this.limit);
    this.rest.push(piece);
  }

  finish(): JsonStreamItem {
    if (this.depth !== 0 || this.inString || this.mode !== 'outside') {
      throw new SyntaxError('JSON document ends before it is complete');
    }
    return { kind: 'document', value: JSON.parse(this.rest.join('')) };
  }
}

function parseElement(text: string, index: number): JsonStreamItem {
  try {
    const value: unknown = JSON.parse(text);
    checkRecordEntries(value);
    return { kind: 'element', index, value };
  } catch (error) {
    return { kind: 'bad-element', index, error: error instanceof Error ? error.message : String(error) };
  }
}
