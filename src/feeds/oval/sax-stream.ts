/**
 * Drives saxes (a maintained, typed streaming XML parser) over a feed file's decoded
 * bytes and hands out what the handlers collect, a chunk at a time: memory holds one
 * chunk of text plus whatever the caller keeps, never the document.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError, describeCause } from '../../errors.js';
import { openDecoded } from '../common/decoded-stream.js';
import type { FeedFile } from '../common/feed-files.js';

export interface SaxHandlers<T> {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
  /** Items completed so far; taken (and emptied) after every chunk. */
  readonly ready: T[];
}

/** `linux-def:rpminfo_test` → `rpminfo_test`: OVAL files differ in which prefix they bind. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export async function* saxItems<T>(file: FeedFile, handlers: SaxHandlers<T>): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) =>
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>),
  );
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  const fail = (error: Error): never => {
    throw new InputError(file.name, `not well-formed XML: ${describeCause(error)}`, { cause: error });
  };
  const stream = await openDecoded(file);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.write(chunk as Buffer));
      if (failure) fail(failure);
      if (handlers.ready.length > 0) yield* handlers.ready.splice(0);
    }
    parser.write(decoder.end());
    parser.close();
    if (failure) fail(failure);
    if (handlers.ready.length > 0) yield* handlers.ready.splice(0);
  } finally {
    stream.destroy();
  }
}
