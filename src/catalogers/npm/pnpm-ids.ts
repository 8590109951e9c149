import type { DependencySource } from './dependency-source.js';
import { isObject } from './package-json.js';

/**
 * The name and version a pnpm package id spells, per lockfile version:
 *  - 5.x: `/name/1.2.3`, `/@scope/name/1.2.3_peer@2.0.0` (peers after `_`), and with another
 *    registry's host first: `registry.npmjs.org/name/1.2.3`
 *  - 6.x: `/name@1.2.3`, `/@scope/name@1.2.3(peer@2.0.0)`
 *  - 9.x: `name@1.2.3`, `name@file:vendor/x`, `name@https://host/x.tgz`
 * Undefined where the id does not name a package: 5.x/6.x ids of local, git and tarball
 * installs (`file:vendor/x`, `github.com/user/repo/<commit>`, `@host+port/x.tgz`), whose
 * entries carry `name` instead.
 */
export function splitPnpmId(id: string, major: number): { name: string; version: string } | undefined {
  const bare = id.replace(/^\//, '');
  if (/^(?:file|link):/.test(bare)) return undefined;
  if (major <= 5) return splitV5(bare);
  // 6.x writes another registry's packages as `host/name@version`; 9.x ids never start with a host.
  return splitAt(bare, major === 6 && !id.startsWith('/') && /^[^@/]+\.[^/]*\/[^@]*@/.test(bare));
}

function splitV5(bare: string): { name: string; version: string } | undefined {
  const segments = bare.split('/');
  // `registry.npmjs.org/name/1.2.3`: a host before an unscoped `name/version`.
  if (segments.length > 2 && !segments[0].startsWith('@')) segments.shift();
  if (segments.length < 2 || (segments.length > 2 && !segments[0].startsWith('@'))) return undefined;
  const version = segments.pop()!.replace(/_.*$/, '');
  return /^\d/.test(version) ? { name: segments.join('/'), version } : undefined;
}

function splitAt(bare: string, hostFirst: boolean): { name: string; version: string } | undefined {
  const body = hostFirst ? bare.slice(bare.indexOf('/') + 1) : bare;
  const at = body.indexOf('@', 1);
  if (at === -1) return undefined;
  const version = body.slice(at + 1);
  // Peers are `(…)` after a version; a URL or path keeps its parentheses.
  return { name: body.slice(0, at), version: /^\d/.test(version) ? version.replace(/\(.*$/, '') : version };
}

export interface ImporterLinks {
  /** What importers call each locked id they depend on (`file:vendor/ws` → `ws`), for entries with no name. */
  names: Map<string, string>;
  /** `link:` dependencies: workspace members and linked directories, absent from `packages`. */
  linked: { name: string; source: DependencySource }[];
}

/**
 * The production dependencies of every importer (`importers` of a workspace; the top level
 * of a single project's 5.x/6.x lockfile). devDependencies are left out, as `dev: true` is.
 */
export function importerLinks(doc: Record<string, unknown>): ImporterLinks {
  const importers = isObject(doc.importers) ? Object.values(doc.importers).filter(isObject) : [doc];
  const names = new Map<string, string>();
  const linked: ImporterLinks['linked'] = [];
  for (const importer of importers) {
    const specifiers = isObject(importer.specifiers) ? importer.specifiers : {};
    for (const section of [importer.dependencies, importer.optionalDependencies]) {
      if (!isObject(section)) continue;
      for (const [name, value] of Object.entries(section)) {
        // 5.x: `name: version`; 6.x and 9.x: `name: {specifier, version}`.
        const version = isObject(value) ? value.version : value;
        const specifier = isObject(value) ? value.specifier : specifiers[name];
        if (typeof version !== 'string') continue;
        for (const id of [version, `/${version}`, `${name}@${version}`]) if (!names.has(id)) names.set(id, name);
        if (!version.startsWith('link:')) continue;
        const kind = typeof specifier === 'string' && specifier.startsWith('workspace:') ? 'workspace' : 'link';
        linked.push({ name, source: { kind, ref: version } });
      }
    }
  }
  return { names, linked };
}
