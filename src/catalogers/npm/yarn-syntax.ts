/**
 * The two line shapes of yarn.lock that matter to the parser, in both its syntaxes:
 * classic v1 (`key value`, yarn's own lockfile syntax) and berry (a YAML subset,
 * `key: value`). Either may quote a key or a value (`"version" "0.0.1"`,
 * `"version": 2.0.0`, `resolution: "lodash@npm:4.17.21"`); yarn quotes what needs it,
 * other tools that write lockfiles quote more.
 */

/** The descriptors of an entry's unindented header (`"a@^1.0.0", a@^1.1.0:`); undefined for another line. */
export function yarnKeyDescriptors(line: string): string[] | undefined {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(':')) return undefined;
  const list = trimmed
    .slice(0, -1)
    .split(',')
    .map((d) => unquote(d.trim()))
    .filter((d) => d !== '');
  return list.length > 0 ? list : undefined;
}

/** A field directly under an entry (two spaces in); nested maps (`dependencies:` children) are not. */
const FIELD = /^ {2}(?:"((?:[^"\\]|\\.)*)"|([^\s":]+))(:?)(?:\s+(.*))?$/;

export function yarnField(line: string): { name: string; value: string } | undefined {
  const m = FIELD.exec(line);
  if (!m) return undefined;
  const name = m[1] !== undefined ? unescape(m[1]) : m[2];
  const value = unquote((m[4] ?? '').trim());
  return { name, value };
}

/** `"a b"` or `'a b'` → `a b`; double-quoted text may hold JSON escapes (`\"`). */
export function unquote(s: string): string {
  if (s.length >= 2 && s[0] === '"' && s.endsWith('"')) return unescape(s.slice(1, -1));
  if (s.length >= 2 && s[0] === "'" && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}
