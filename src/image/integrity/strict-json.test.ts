import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, StrictJsonError, parseStrictJson } from './strict-json.js';

describe('strict JSON for image metadata', () => {
  it('parses what JSON.parse parses when no key repeats', () => {
    const text =
      '{"schemaVersion":2,"layers":[{"digest":"sha256:aa","size":1},{"digest":"sha256:bb","size":2}],"annotations":{"a":"x \\" , { [ \\\\","b":null}}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it('refuses a key that repeats in one object, however it is escaped', () => {
    expect(() => parseStrictJson('{"Layers":["a"],"Config":"c","Layers":["b"]}')).toThrow(
      new StrictJsonError('duplicate key "Layers"'),
    );
    expect(() => parseStrictJson('{"a":1,"\\u0061":2}')).toThrow(/duplicate key "a"/);
    expect(() => parseStrictJson('[{"rootfs":{"diff_ids":[],"diff_ids":["x"]}}]')).toThrow(/duplicate key "diff_ids"/);
  });

  it('lets the same key stand in sibling and nested objects', () => {
    expect(parseStrictJson('[{"digest":"a"},{"digest":"b","x":{"digest":"c"}}]')).toEqual([
      { digest: 'a' },
      { digest: 'b', x: { digest: 'c' } },
    ]);
  });

  it('does not take string values for keys', () => {
    expect(parseStrictJson('{"a":"a","b":["a","a"],"c":{"a":"b"}}')).toEqual({ a: 'a', b: ['a', 'a'], c: { a: 'b' } });
  });

  it('bounds nesting instead of recursing without end', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => parseStrictJson(deep)).toThrow(new StrictJsonError(`nested deeper than ${MAX_JSON_DEPTH} levels`));
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseStrictJson(ok)).toBeInstanceOf(Array);
  });

  it('leaves malformed text to JSON.parse', () => {
    expect(() => parseStrictJson('{"a":')).toThrow(SyntaxError);
    expect(() => parseStrictJson('{"a')).toThrow(SyntaxError);
  });
});
