/**
 * The module information of a Go binary, in the line format of runtime/debug.BuildInfo:
 *   path   github.com/opencontainers/umoci/cmd/umoci
 *   mod    github.com/opencontainers/umoci   v0.4.7   h1:…
 *   dep    golang.org/x/sys   v0.0.0-2020…   h1:…
 *   =>     ../sys             (replaces the line before; a local directory has no version)
 *   build  -ldflags="-X main.version=1.2.3"
 * Fields are tab-separated. Unknown lines are ignored, as newer toolchains may add some.
 */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface ModInfo {
  /** Import path of the main package. */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  /** `build` settings (Go 1.18+), key to value. */
  settings: Map<string, string>;
}

export function parseModInfo(text: string): ModInfo {
  const info: ModInfo = { deps: [], settings: new Map() };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab === -1) continue;
    const kind = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    if (kind === 'path') info.path = rest;
    else if (kind === 'mod' || kind === 'dep') {
      last = moduleOf(rest);
      if (!last) continue;
      if (kind === 'mod') info.main = last;
      else info.deps.push(last);
    } else if (kind === '=>') {
      const replacement = moduleOf(rest);
      if (last && replacement) last.replace = replacement;
      last = undefined;
    } else if (kind === 'build') {
      const eq = settingSplit(rest);
      if (eq > 0) info.settings.set(unquote(rest.slice(0, eq)), unquote(rest.slice(eq + 1)));
    }
  }
  return info;
}

function moduleOf(fields: string): GoModule | undefined {
  const [path, version = '', sum] = fields.split('\t');
  if (!path) return undefined;
  const mod: GoModule = { path, version };
  if (sum) mod.sum = sum;
  return mod;
}

/** The `=` between key and value; a key that needs quoting is a Go-quoted string. */
function settingSplit(s: string): number {
  if (!s.startsWith('"')) return s.indexOf('=');
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return s[i + 1] === '=' ? i + 1 : -1;
  }
  return -1;
}

function unquote(s: string): string {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

/**
 * A main module built from a checkout has version `(devel)`; release builds often stamp
 * the real one with `-ldflags "-X <pkg>.version=v1.2.3"`. Returns that version when one
 * `-X` flag sets a variable named version (any case) in the main package or module.
 */
export function versionFromLdflags(info: ModInfo): string | undefined {
  const ldflags = info.settings.get('-ldflags');
  if (!ldflags) return undefined;
  const owners = ['main', info.path, info.main?.path].filter((o): o is string => Boolean(o));
  const ownedByMain = (pkg: string) => owners.some((o) => pkg === o || pkg.startsWith(`${o}/`));
  for (const [, pkg, variable, value] of ldflags.matchAll(/-X[= ]+['"]?([^'"\s=]+)\.(\w+)=['"]?([^'"\s]+)/g)) {
    if (/^(version|Version|VERSION)$/.test(variable) && ownedByMain(pkg) && /^v?\d+(\.\d+)*([-+].*)?$/.test(value)) {
      return value.startsWith('v') ? value : `v${value}`;
    }
  }
  return undefined;
}
