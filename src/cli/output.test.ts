import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from './output.js';

describe('writeOutput to -o FILE', () => {
  it('writes to a device as it is: /dev/null stays a character device', () => {
    writeOutput('{"report":1}', '/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('replaces a regular file whole, and through a symlink the file it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-output-'));
    const real = join(dir, 'report.json');
    writeFileSync(real, 'old');
    const link = join(dir, 'latest.json');
    symlinkSync(real, link);
    writeOutput('new', link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new\n');
  });

  it('guards a file as the terminal is guarded: cat shows no raw control, JSON keeps its value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-output-'));
    const text = join(dir, 'report.txt');
    writeOutput('libevil\u001b[2J 1.0\u009b31m\n', text);
    expect(readFileSync(text, 'utf8')).toBe('libevil\\u001b[2J 1.0\\u009b31m\n');
    const json = join(dir, 'report.json');
    const value = { name: 'libevil\u009b\u202e\u007f' };
    writeOutput(JSON.stringify(value), json);
    const written = readFileSync(json, 'utf8');
    expect(written).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(written)).toEqual(value);
  });
});
