import { sourceOfSpec, type DependencySource } from './dependency-source.js';
import { aliasTarget, isRegistryVersion, type LockedPackage } from './package-lock.js';
import { yarnField, yarnKeyDescriptors } from './yarn-syntax.js';

/**
 * Reads `yarn.lock`, both the classic v1 format (`version "1.2.3"`) and the YAML of
 * Yarn 2+ ("berry", marked by `__metadata:`; `version: 1.2.3`, `resolution: "name@npm:1.2.3"`).
 * Each entry starts with an unindented line of descriptors (`"a@^1.0.0", a@^1.1.0:`);
 * its fields are indented under it, names and values quoted or not.
 *
 * Berry: the resolution says where the package came from. `npm:` is the registry; the
 * root workspace (`workspace:.`) is the project itself; `patch:` is a patched copy of an
 * npm entry the lockfile also lists. Any other protocol (workspace:, link:, portal:,
 * file:, exec:, a git or tarball URL) is a non-registry dependency (dependency-source.ts).
 * Classic: the descriptor's range says it, with `resolved` naming a git commit.
 */
export function parseYarnLock(text: string): LockedPackage[] {
  const found = new Map<string, LockedPackage>();
  let berry = false;
  let descriptors: string[] | undefined;
  let fields = new Map<string, string>();

  const flush = () => {
    if (descriptors === undefined) return;
    const pkg = berry || fields.has('resolution') ? fromBerry(fields) : fromClassic(descriptors, fields);
    descriptors = undefined;
    fields = new Map();
    if (!pkg) return;
    const key = `${pkg.name}@${pkg.source ? pkg.source.ref : pkg.version}`;
    if (!found.has(key)) found.set(key, { ...pkg, licenses: [] });
  };

  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (line[0] !== ' ') {
      flush();
      if (/^"?__metadata"?:/.test(line)) berry = true;
      else descriptors = yarnKeyDescriptors(line);
      continue;
    }
    if (descriptors === undefined) continue;
    const field = yarnField(line);
    if (field && !fields.has(field.name)) fields.set(field.name, field.value);
  }
  flush();
  return [...found.values()];
}

type Found = Omit<LockedPackage, 'licenses'>;

/** Berry placeholder version of workspaces, links and portals: not the package's version. */
const LOCAL_PLACEHOLDER = '0.0.0-use.local';

/** Berry: from `resolution: "@scope/name@npm:1.2.3"`, or another protocol. */
function fromBerry(fields: Map<string, string>): Found | undefined {
  const resolution = fields.get('resolution');
  if (resolution === undefined) return undefined;
  const at = resolution.indexOf('@', 1);
  if (at === -1) return undefined;
  const name = resolution.slice(0, at);
  // `::locator=…` / `::hash=…` are yarn's bindings, not part of where the code is.
  const ref = resolution.slice(at + 1).replace(/::.*$/, '');
  if (ref.startsWith('npm:')) {
    const version = fields.get('version') ?? ref.slice(4);
    return isRegistryVersion(version) ? { name, version } : undefined;
  }
  if (ref === 'workspace:.' || ref.startsWith('patch:')) return undefined;
  const source = sourceOfSpec(ref) ?? { kind: 'file', ref };
  return withSource(name, fields.get('version'), source);
}

/** Classic: the name from the first descriptor (`@babel/core@^7.0.0`), unless it aliases another package. */
function fromClassic(descriptors: string[], fields: Map<string, string>): Found | undefined {
  const version = fields.get('version');
  const descriptor = descriptors[0];
  const at = descriptor?.indexOf('@', 1) ?? -1;
  if (version === undefined || at === -1) return undefined;
  const range = descriptor.slice(at + 1);
  const alias = aliasTarget(range);
  const name = alias?.name ?? descriptor.slice(0, at);
  const resolved = fields.get('resolved');
  const source = sourceOfSpec(alias ? alias.version : range) ?? gitResolved(resolved);
  if (!source) return isRegistryVersion(version) ? { name, version } : undefined;
  // A git source is named by the commit `resolved` pins, not the branch or tag asked for.
  return withSource(name, version, source.kind === 'git' && resolved ? { kind: 'git', ref: resolved } : source);
}

/** `resolved "git+https://…#sha"` or `git://…` for a range yarn read as a version. */
function gitResolved(resolved: string | undefined): DependencySource | undefined {
  return resolved !== undefined && /^git[+:]/.test(resolved) ? { kind: 'git', ref: resolved } : undefined;
}

/**
 * Yarn writes a placeholder for linked code (berry `0.0.0-use.local`, classic `0.0.0` with
 * `link:`): then the reference is the version, as `yarn info` shows it.
 */
function withSource(name: string, version: string | undefined, source: DependencySource): Found {
  const placeholder =
    version === undefined || version === LOCAL_PLACEHOLDER || (source.kind === 'link' && version === '0.0.0');
  return { name, version: placeholder ? source.ref : version, source };
}
