/**
 * Screens are built as lines of styled segments, cut to the terminal's width here, so the
 * components only paint them and every frame fits the terminal by construction.
 */
import type { SeverityBand } from '../../severity/index.js';

export type Tone =
  SeverityBand | 'dim' | 'bold' | 'accent' | 'good' | 'bad' | 'heading' | 'tab' | 'tabActive' | 'input';

export interface Segment {
  text: string;
  tone?: Tone;
}

export interface Line {
  segments: Segment[];
  /** The cursor's line: painted inverse. */
  selected?: boolean;
}

export const seg = (text: string, tone?: Tone): Segment => (tone ? { text, tone } : { text });
export const line = (...segments: (Segment | string)[]): Line => ({
  segments: segments.map((s) => (typeof s === 'string' ? { text: s } : s)),
});
export const text = (s: string, tone?: Tone): Line => ({ segments: [seg(s, tone)] });
export const blank = (): Line => ({ segments: [] });

export function lineLength(l: Line): number {
  return l.segments.reduce((n, s) => n + s.text.length, 0);
}

/** Cuts a line to `width` characters, ending in `…` when something was cut. */
export function fit(l: Line, width: number): Line {
  if (lineLength(l) <= width) return l;
  const out: Segment[] = [];
  let room = width - 1;
  for (const s of l.segments) {
    if (room <= 0) break;
    const part = s.text.slice(0, room);
    out.push({ ...s, text: part });
    room -= part.length;
  }
  out.push({ text: '…' });
  return { ...l, segments: out };
}

/** `text` cut or padded to exactly `width`. */
export function cell(value: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = value.length > width ? `${value.slice(0, Math.max(0, width - 1))}…` : value;
  return align === 'left' ? cut.padEnd(width) : cut.padStart(width);
}

/** Word-wraps plain text to `width`, breaking words longer than a line. */
export function wrap(value: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of value.split('\n')) {
    let current = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (current) {
          out.push(current);
          current = '';
        }
        out.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!current) current = word;
      else if (current.length + 1 + word.length <= width) current += ` ${word}`;
      else {
        out.push(current);
        current = word;
      }
    }
    out.push(current);
  }
  while (out.length > 1 && out.at(-1) === '') out.pop();
  return out;
}

/** A labelled block: the label in a column of `labelWidth`, the value wrapped beside it. */
export function field(label: string, value: string, width: number, labelWidth = 12, tone?: Tone): Line[] {
  const lines = wrap(value, Math.max(10, width - labelWidth));
  return lines.map((v, i) =>
    line(seg(i === 0 ? label.padEnd(labelWidth) : ' '.repeat(labelWidth), 'dim'), seg(v, tone)),
  );
}
