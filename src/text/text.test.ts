import { describe, expect, it } from 'vitest';
import { authorGlob } from '../vex/sources.js';
import { closestWord, editDistance } from './closest.js';
import { terminalSafe } from './terminal-safe.js';

describe('closestWord: did you mean', () => {
  it('names a command one or two edits away, and nothing for a word far from all', () => {
    expect(editDistance('cvs', 'cves')).toBe(1);
    expect(closestWord('cvs', ['cves', 'compare', 'sbom'])).toBe('cves');
    expect(closestWord('quikview', ['quickview', 'qv'])).toBe('quickview');
    expect(closestWord('zzzzzz', ['cves', 'sbom', 'scan'])).toBeUndefined();
  });
});

describe('terminalSafe', () => {
  it('shows escape sequences and other control characters as \\uNNNN, leaving text alone', () => {
    expect(terminalSafe('libc6 \u001b]0;owned\u0007 2.36')).toBe('libc6 \\u001b]0;owned\\u0007 2.36');
    expect(terminalSafe('a\r\nb\u009bc')).toBe('a\\u000d\\u000ab\\u009bc');
    expect(terminalSafe('zlib1g 1:1.2.13.dfsg-1 ✓')).toBe('zlib1g 1:1.2.13.dfsg-1 ✓');
  });
});

describe('authorGlob: --vex-author', () => {
  it('* and ? as in a shell, the rest literal, ignoring case', () => {
    expect(authorGlob('*@example.com').test('Sec@Example.com')).toBe(true);
    expect(authorGlob('*@example.com').test('sec@example.community')).toBe(false);
    expect(authorGlob('*@example.com').test('sec@exampleXcom')).toBe(false);
    expect(authorGlob('team-?').test('team-a')).toBe(true);
  });
});
