import type { DependencySource } from '../common/outside-registry.js';

/** One crate a Cargo.lock pins. */
export interface LockedCrate {
  name: string;
  version: string;
  /** `registry+https://github.com/rust-lang/crates.io-index`, `git+https://…#sha`, …; absent for a local crate. */
  source?: string;
  /** Where it came from when that is not crates.io (catalogers/common/outside-registry.ts). */
  outside?: DependencySource;
}

/**
 * crates.io as Cargo.lock names it. Cargo writes crates.io's own index URL even when the
 * build fetched through a mirror or a `[source]` replacement (the lock records what was
 * asked for, not where it was fetched), so any other index really is another registry.
 */
const CRATES_IO = new Set(['registry+https://github.com/rust-lang/crates.io-index', 'sparse+https://index.crates.io/']);

/**
 * Cargo.lock records no path for a crate built from a local directory: a path dependency
 * and a workspace member look alike (no `source`), so both are called a local path.
 */
export const UNRECORDED_PATH = 'unrecorded in Cargo.lock';

/** Where a lock's `source` says a crate came from; undefined for crates.io. */
export function lockedSource(source: string | undefined): DependencySource | undefined {
  if (source === undefined) return { kind: 'file', ref: UNRECORDED_PATH };
  if (CRATES_IO.has(source)) return undefined;
  if (source.startsWith('git+')) return { kind: 'git', ref: source };
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return { kind: 'registry', ref: source };
  return { kind: 'other', ref: source };
}

interface Table {
  name?: string;
  version?: string;
  source?: string;
  dependencies: string[];
}

/**
 * Reads the `[[package]]` tables of a Cargo.lock (format versions 1 to 4, all written by
 * Cargo with one `key = "value"` per line and `dependencies` one entry a line). Every
 * crate is returned with where it came from, except the project itself: a crate without a
 * `source` was built from a local directory, and it is a dependency (a path dependency or
 * a workspace member) when another package's `dependencies` name it (`name`, or
 * `name version` where two versions are locked), the project's root package otherwise
 * (a virtual workspace has several). Throws when the file has no `[[package]]` table.
 */
export function parseCargoLock(text: string): LockedCrate[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  let inDependencies = false;
  let sawPackage = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inDependencies) {
      current!.dependencies.push(...quoted(line));
      if (line.includes(']')) inDependencies = false;
      continue;
    }
    if (line.startsWith('[')) {
      current = undefined;
      if (line === '[[package]]') {
        current = { dependencies: [] };
        tables.push(current);
        sawPackage = true;
      }
      continue;
    }
    if (!current) continue;
    const m = /^(name|version|source)\s*=\s*"([^"]*)"/.exec(line);
    if (m) current[m[1] as 'name' | 'version' | 'source'] = m[2];
    else if (/^dependencies\s*=\s*\[/.test(line)) {
      const list = line.slice(line.indexOf('[') + 1);
      current.dependencies.push(...quoted(list));
      inDependencies = !list.includes(']');
    }
  }
  if (!sawPackage) throw new Error('no [[package]] table: not a Cargo.lock');

  // `name`, `name version` or `name version (source)`: only the first two can name a local crate.
  const named = new Set<string>();
  for (const t of tables)
    for (const entry of t.dependencies) {
      const [name, version, source] = entry.split(' ');
      if (source === undefined) named.add(version === undefined ? name : `${name} ${version}`);
    }
  const crates: LockedCrate[] = [];
  for (const t of tables) {
    if (!t.name || !t.version) continue;
    if (t.source === undefined && !named.has(t.name) && !named.has(`${t.name} ${t.version}`)) continue;
    const crate: LockedCrate = { name: t.name, version: t.version };
    if (t.source !== undefined) crate.source = t.source;
    const outside = lockedSource(t.source);
    if (outside) crate.outside = outside;
    crates.push(crate);
  }
  return crates;
}

const quoted = (s: string): string[] => [...s.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
