/**
 * The name, version and licenses of an installed gem, read from the Ruby source that
 * RubyGems writes to `specifications/<name>-<version>.gemspec`. It is never evaluated:
 * the assignments RubyGems generates have a fixed shape
 *   s.name = "rake".freeze
 *   s.version = "13.0.6"              (or Gem::Version.new("13.0.6"), %q{13.0.6})
 *   s.licenses = ["MIT".freeze]       (or s.license = "MIT")
 * and hand-written gemspecs use the same assignments on another block variable.
 * The `# stub: name version platform paths` comment, written by RubyGems 2+, backs them up.
 */
export interface Gemspec {
  name: string;
  version: string;
  licenses: string[];
}

/** A Ruby string literal, optionally `.freeze`d: "x", 'x', %q{x}, %q(x), %Q[x]. */
const STRING = String.raw`(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|%[qQ]?[{(\[<]([^})\]>]*)[})\]>])(?:\.freeze)?`;
const ASSIGN = (field: string, value: string) => new RegExp(String.raw`^\s*\w+\.${field}\s*=\s*${value}`, 'm');
const NAME = ASSIGN('name', STRING);
const VERSION = ASSIGN('version', String.raw`(?:Gem::Version\.new\(\s*${STRING}\s*\)|${STRING})`);
const LICENSE = ASSIGN('license', STRING);
const LICENSES = ASSIGN('licenses', String.raw`\[([^\]]*)\]`);
const STUB = /^# stub: (\S+) (\S+)/m;

const literal = (m: RegExpExecArray | null, from = 1): string | undefined => {
  if (!m) return undefined;
  for (let i = from; i < m.length; i++) if (m[i] !== undefined) return m[i];
  return undefined;
};

export function readGemspec(text: string): Gemspec | { error: string } {
  const stub = STUB.exec(text);
  const name = literal(NAME.exec(text)) ?? stub?.[1];
  const version = literal(VERSION.exec(text)) ?? stub?.[2];
  if (!name) return { error: 'has no name' };
  if (!version) return { error: `(${name}) has no version` };
  return { name, version, licenses: licensesOf(text) };
}

function licensesOf(text: string): string[] {
  const list = LICENSES.exec(text);
  if (list) {
    const out: string[] = [];
    const each = new RegExp(STRING, 'g');
    for (let m = each.exec(list[1]); m; m = each.exec(list[1])) {
      const value = literal(m);
      if (value && !out.includes(value)) out.push(value);
    }
    return out;
  }
  const single = literal(LICENSE.exec(text));
  return single ? [single] : [];
}
