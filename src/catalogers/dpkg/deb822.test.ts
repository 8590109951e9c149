import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeb822 } from './deb822.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'testdata', name), 'utf8');

describe('parseDeb822', () => {
  it('reads the paragraphs of a real status excerpt with continuation lines', () => {
    const { paragraphs, errors } = parseDeb822(fixture('binnmu.status'));
    expect(errors).toEqual([]);
    expect(paragraphs.map((p) => p.fields.get('package'))).toEqual(['adduser', 'bash', 'bsdutils', 'gcc-12-base']);
    const bash = paragraphs[1];
    expect(bash.fields.get('source')).toBe('bash (5.2.15-2)');
    expect(bash.fields.get('conffiles')?.split('\n')).toEqual([
      '',
      '/etc/bash.bashrc 89269e1298235f1b12b4c16e4065ad0d',
      '/etc/skel/.bash_logout 22bfb8c1dd94b5f3813a2b25da67463f',
      '/etc/skel/.bashrc ee35a240758f374832e809ae0ea4883a',
      '/etc/skel/.profile f4e81ade7d6f9fb342541152d08e7a97',
    ]);
    expect(bash.fields.get('description')?.split('\n')[0]).toBe('GNU Bourne Again SHell');
  });

  it('gives the same result with CRLF line ends, runs of blank lines and whitespace-only separators', () => {
    const lf = fixture('binnmu.status');
    const messy = `\n\n${lf.replace(/\n\n/g, '\n\n \t\n\n\n')}\n\n\n`.replace(/\n/g, '\r\n');
    const a = parseDeb822(lf).paragraphs.map((p) => Object.fromEntries(p.fields));
    const b = parseDeb822(messy).paragraphs.map((p) => Object.fromEntries(p.fields));
    expect(b).toEqual(a);
  });

  it('drops a paragraph with a malformed line and keeps the others', () => {
    const { paragraphs, errors } = parseDeb822(fixture('corrupt.status'));
    expect(paragraphs.map((p) => p.fields.get('package'))).toEqual(['adduser', 'bash', 'debconf', 'zlib1g']);
    expect(errors).toEqual([{ line: 46, message: 'line 46: not a "Field: value" line' }]);
  });

  it('reports a continuation line with no field and a field given twice', () => {
    expect(parseDeb822(' orphan\nPackage: a\n').errors).toEqual([
      { line: 1, message: 'line 1: continuation line before any field' },
    ]);
    const twice = parseDeb822('Package: a\nVersion: 1\nVersion: 2\n\nPackage: b\n');
    expect(twice.errors).toEqual([{ line: 3, message: 'line 3: field Version appears twice in one paragraph' }]);
    expect(twice.paragraphs.map((p) => p.fields.get('package'))).toEqual(['b']);
  });

  it('matches field names case-insensitively and records where each paragraph starts', () => {
    const { paragraphs } = parseDeb822('\n\npackage: a\nVERSION: 1\n\nPackage: b\n');
    expect(paragraphs.map((p) => [p.line, p.fields.get('package'), p.fields.get('version')])).toEqual([
      [3, 'a', '1'],
      [6, 'b', undefined],
    ]);
  });
});
