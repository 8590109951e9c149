import { describe, expect, it } from 'vitest';
import { parseOsRelease } from './parse-os-release.js';

describe('parseOsRelease', () => {
  it('decodes double quotes, single quotes and unquoted values', () => {
    const { values, problems } = parseOsRelease(
      'NAME="Debian GNU/Linux"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\'Alpine Linux v3.20\'\n',
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(values)).toEqual({
      NAME: 'Debian GNU/Linux',
      VERSION_CODENAME: 'bookworm',
      PRETTY_NAME: 'Alpine Linux v3.20',
    });
  });

  it('applies backslash escapes inside double quotes only to $ " ` and \\', () => {
    const { values } = parseOsRelease('A="say \\"hi\\" for \\$5 \\\\ \\n"\nB=\'keep \\" as is\'\nC=two\\ words\n');
    expect(values.get('A')).toBe('say "hi" for $5 \\ \\n');
    expect(values.get('B')).toBe('keep \\" as is');
    expect(values.get('C')).toBe('two words');
  });

  it('skips comments and blank lines, tolerates CRLF and a BOM', () => {
    const { values, problems } = parseOsRelease(
      '\uFEFF# comment\r\n\r\nID=ubuntu\r\n  # indented comment\r\nVERSION_ID="22.04"\r\n',
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(values)).toEqual({ ID: 'ubuntu', VERSION_ID: '22.04' });
  });

  it('reports lines that are not assignments and unterminated quotes, keeping the rest', () => {
    const { values, problems } = parseOsRelease('ID=debian\nthis is not valid\nNAME="open\n1X=bad\nVERSION_ID=12\n');
    expect(Object.fromEntries(values)).toEqual({ ID: 'debian', VERSION_ID: '12' });
    expect(problems).toEqual([
      'line 2 is not a KEY=value assignment',
      'line 3 has an unterminated quote',
      'line 4 is not a KEY=value assignment',
    ]);
  });

  it('lets a later assignment override an earlier one, like the shell', () => {
    expect(parseOsRelease('ID=a\nID=b\n').values.get('ID')).toBe('b');
  });
});
