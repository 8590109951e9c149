/**
 * Text from an image (package names, versions, file paths, history commands) may hold
 * escape sequences written to attack the terminal that shows them. Every control
 * character (C0, DEL, C1) is shown as a visible `\xNN` instead, so the text reads the
 * same and can do nothing.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
