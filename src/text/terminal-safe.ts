/**
 * Text from an image (package names, versions, paths, tar header fields) is the
 * attacker's: written raw to a terminal, an ESC or C1 byte can clear the screen, set
 * the window title, move the cursor over the line that names a critical CVE, or hide
 * it; a carriage return can overprint it; a bidi override can make one name read as
 * another. Such characters are shown escaped, as `\u001b`: the escape is valid inside
 * JSON strings too, so the same guard serves every output format.
 *
 * Who escapes what, once:
 * - guardOutput is the guarantee and the safety net: every byte airlock writes for a
 *   reader passes it, on stdout and stderr (src/cli/terminal-guard.ts, installed by every
 *   command) and into `-o FILE` (src/cli/output.ts: `cat report.txt` is a terminal too).
 *   It is the one place every output passes whichever code made it (a renderer, a
 *   warning, an error naming a hostile file, oclif), so a field some renderer forgot is
 *   still escaped. It knows no fields, so it keeps newlines and tabs.
 * - escapeField is a layout rule, not a second terminal escape: a renderer applies it to
 *   a field that must stay on its line (a table cell, a warning), so a newline or tab in
 *   a package name cannot start a forged report line or shift a column, and the width it
 *   measures is the width shown. It leaves no control character behind, so the guard
 *   then changes nothing: nothing is escaped twice. Commands escape nothing themselves;
 *   their warning lines go through printWarnings (src/cli/warnings.ts).
 */

/** C0 controls except tab and newline, DEL, C1 controls, and the bidi/isolate formatting characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, plus tab and newline: for one field that must stay on its line. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FIELD = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One field of image-derived text, made safe to show on a terminal line. */
export function escapeField(text: string): string {
  return text.replace(UNSAFE_FIELD, escapeChar);
}

/** Several lines of text: newlines and tabs stay, every other control is escaped. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE_MULTILINE, escapeChar);
}

/**
 * Styles airlock's own reports and oclif's help use (src/report/vulns/style.ts,
 * src/report/sbom/table.ts): reset, bold, faint, underline and their ends, red,
 * green, yellow, default colour, and 256-colour foregrounds that stay readable.
 * Nothing that hides text (conceal 8, reverse 7, backgrounds, black or near-black
 * foregrounds), moves the cursor, erases, or talks to the terminal (OSC, DCS, title).
 */
const PLAIN_SGR = new Set(['0', '1', '2', '4', '22', '24', '31', '32', '33', '39']);

function readable256(n: number): boolean {
  return n >= 1 && n <= 255 && n !== 16 && !(n >= 232 && n <= 240);
}

function allowedSgr(params: string): boolean {
  if (params === '') return true;
  const parts = params.split(';');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (
      p === '38' &&
      parts[i + 1] === '5' &&
      /^\d{1,3}$/.test(parts[i + 2] ?? '') &&
      readable256(Number(parts[i + 2]))
    ) {
      i += 2;
      continue;
    }
    if (!PLAIN_SGR.has(p)) return false;
  }
  return true;
}

/**
 * An SGR sequence, or showing/hiding the cursor (DECTCEM): Ink and the terminal libraries
 * under it show the cursor again as the process exits, after the review screen is gone.
 */
// eslint-disable-next-line no-control-regex -- these sequences start with ESC
const ALLOWED_SEQUENCE = /\u001b\[([0-9;]{0,32})m|\u001b\[\?25[hl]/g;

/**
 * A whole rendered report on its way to stdout or stderr: airlock's own colour codes
 * (and cursor show/hide) pass, every other control character is escaped, whatever put it there.
 */
export function guardOutput(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ALLOWED_SEQUENCE)) {
    if (m[1] !== undefined && !allowedSgr(m[1])) continue;
    out += escapeText(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

/** escapeField under the name the report renderers use: one function, two names, no second escape. */
export const terminalSafe = escapeField;
