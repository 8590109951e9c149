/**
 * Escaping for the HTML report. Everything that came from an image or a feed (package
 * names, licenses, layer commands, descriptions, references) goes through `esc` before it
 * is placed in text or a quoted attribute; links are kept only when they are http(s).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function esc(value: string | number | undefined): string {
  if (value === undefined) return '';
  return String(value)
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** An `<a>` for an http(s) URL, else the text alone: no `javascript:` or `data:` link from a feed. */
export function link(url: string): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url)
    ? `<a href="${esc(url)}" rel="noreferrer noopener">${esc(url)}</a>`
    : esc(url);
}
