/**
 * Parser for os-release(5): newline-separated shell-compatible `KEY=value` assignments.
 * Values may be unquoted, 'single quoted' (literal) or "double quoted" (where a backslash
 * escapes `$`, `"`, `` ` `` and `\`); outside quotes a backslash escapes any character.
 * Blank lines and `#` comments are ignored. Shell expansion is not performed, as the
 * specification forbids it.
 */

export interface OsReleaseParse {
  values: Map<string, string>;
  /** One message per line that is not a valid assignment; the line is skipped. */
  problems: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseOsRelease(text: string): OsReleaseParse {
  const values = new Map<string, string>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : '';
    if (!KEY.test(key)) {
      problems.push(`line ${index + 1} is not a KEY=value assignment`);
      return;
    }
    const value = unquote(line.slice(eq + 1));
    if (value === undefined) {
      problems.push(`line ${index + 1} has an unterminated quote`);
      return;
    }
    values.set(key, value);
  });
  return { values, problems };
}

/** Decodes one shell word; undefined when a quote is left open. Text after unquoted whitespace is dropped. */
function unquote(word: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const c = word[i];
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= word.length) return undefined;
        const d = word[i];
        if (d === '"') break;
        if (d === '\\' && i + 1 < word.length && '$"`\\'.includes(word[i + 1])) {
          out += word[i + 1];
          i += 2;
        } else {
          out += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\' && i + 1 < word.length) {
      out += word[i + 1];
      i += 2;
    } else if (c === ' ' || c === '\t') {
      break;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
