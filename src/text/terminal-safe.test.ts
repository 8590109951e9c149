import { describe, expect, it } from 'vitest';
import { escapeField, escapeText, guardOutput } from './terminal-safe.js';

const CLEAR_SCREEN = '\u001b[2J\u001b[H';
const SET_TITLE = '\u001b]0;owned\u0007';
const CSI_C1 = '\u009b2J';

describe('image text on a terminal', () => {
  it('escapes every control a terminal acts on, in a form JSON keeps', () => {
    const name = `libc6${CLEAR_SCREEN}${SET_TITLE}${CSI_C1}\r\u0008\u007f\u202egnp.exe`;
    const shown = escapeField(name);
    expect(shown).toBe('libc6\\u001b[2J\\u001b[H\\u001b]0;owned\\u0007\\u009b2J\\u000d\\u0008\\u007f\\u202egnp.exe');
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    // Inside a JSON string, the escape decodes back to the original character.
    expect(JSON.parse(`"${shown.replace(/\\(?!u)/g, '\\\\')}"`)).toBe(name);
  });

  it('a field keeps to its line; text keeps its newlines and tabs', () => {
    expect(escapeField('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(escapeText('a\nb\tc\u001b')).toBe('a\nb\tc\\u001b');
  });

  it('plain text is unchanged', () => {
    const s = 'openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1 · CVE-2024-13176 «M» ✓';
    expect(escapeField(s)).toBe(s);
    expect(guardOutput(s)).toBe(s);
  });
});

describe('the output guard', () => {
  it("lets airlock's own colours through", () => {
    const report =
      '\u001b[1;38;5;160m  1C \u001b[0m\u001b[38;5;203m  2H \u001b[0m\u001b[1mbold\u001b[22m \u001b[2mfaint\u001b[22m\n';
    expect(guardOutput(report)).toBe(report);
  });

  it('escapes every other sequence, wherever it sits in the report', () => {
    const report = `pkg \u001b[8mhidden\u001b[0m ${SET_TITLE} \u001b[1A\u001b[2K${CLEAR_SCREEN} \u001b[7mrev\u001b[27m \u001b[38;5;16mblack\u001b[0m\r\n`;
    expect(guardOutput(report)).toBe(
      'pkg \\u001b[8mhidden\u001b[0m \\u001b]0;owned\\u0007 \\u001b[1A\\u001b[2K\\u001b[2J\\u001b[H \\u001b[7mrev\\u001b[27m \\u001b[38;5;16mblack\u001b[0m\\u000d\n',
    );
  });
});

describe('the output guard and the cursor', () => {
  it('lets cursor show/hide through (Ink restores the cursor at exit), nothing else of that family', () => {
    expect(guardOutput('\u001b[?25h')).toBe('\u001b[?25h');
    expect(guardOutput('\u001b[?25l')).toBe('\u001b[?25l');
    expect(guardOutput('\u001b[?1049h')).toBe('\\u001b[?1049h');
  });
});
