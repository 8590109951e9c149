/**
 * Text from an image (package names, licenses, a config User, layer commands) on its way
 * to a terminal: control characters (C0, DEL, C1, and the bidi overrides that reorder a
 * line) are shown as `\xNN` / `\u{NNNN}` rather than interpreted.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
