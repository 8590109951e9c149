import type { LayerChange, PackageChange, PackageType } from '../../sbom/model.js';
import type { FileVersion } from '../types.js';

/** One installed package as a package database lists it. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch?: string;
}

/** The history of one package database file and how to read a version of it. */
export interface DatabaseHistory {
  versions: FileVersion[];
  /**
   * The packages a version lists: `[]` when that layer deleted the file, undefined when
   * the version could not be read (the previous state is then kept, so one unreadable
   * version does not count as everything removed and added again).
   */
  packagesOf(version: FileVersion): InstalledPackage[] | undefined;
  /**
   * Lower wins: when databases of different ranks are present in a layer, only the
   * best-ranked ones count (an rpm database converted to a newer format and left behind).
   * Databases of the same rank are merged (dpkg status.d files, a linked apk path).
   */
  rank?: number;
}

/**
 * What each layer did to the installed OS packages: the database state after each layer
 * (all databases together) compared with the state before it, package by name and arch.
 * A new name is added, a gone one removed (also when a whiteout deleted the database),
 * another version is changed. Layers that changed nothing are left out.
 */
export function layerChangesOf(type: PackageType, histories: DatabaseHistory[]): LayerChange[] {
  const events = histories.flatMap((h, source) => h.versions.map((version) => ({ source, version, history: h })));
  events.sort((a, b) => a.version.layer.index - b.version.layer.index);
  const current = new Map<number, InstalledPackage[]>();
  let before = new Map<string, Set<string>>();
  const changes: LayerChange[] = [];
  for (let i = 0; i < events.length;) {
    const layer = events[i].version.layer;
    for (; i < events.length && events[i].version.layer.index === layer.index; i++) {
      const { source, version, history } = events[i];
      const packages = history.packagesOf(version);
      if (packages !== undefined) current.set(source, packages);
    }
    const after = stateOf(histories, current);
    const change = diff(type, layer.diffId, before, after);
    if (change.added.length + change.removed.length + change.changed.length > 0) changes.push(change);
    before = after;
  }
  return changes;
}

/** name + arch → versions installed, over the best-ranked databases present. */
function stateOf(histories: DatabaseHistory[], current: Map<number, InstalledPackage[]>): Map<string, Set<string>> {
  const present = [...current].filter(([, packages]) => packages.length > 0);
  const best = Math.min(...present.map(([source]) => histories[source].rank ?? 0));
  const state = new Map<string, Set<string>>();
  for (const [source, packages] of present) {
    if ((histories[source].rank ?? 0) !== best) continue;
    for (const p of packages) {
      const id = `${p.name}\0${p.arch ?? ''}`;
      let versions = state.get(id);
      if (!versions) state.set(id, (versions = new Set()));
      versions.add(p.version);
    }
  }
  return state;
}

function diff(
  type: PackageType,
  layer: string,
  before: Map<string, Set<string>>,
  after: Map<string, Set<string>>,
): LayerChange {
  const change: LayerChange = { layer, added: [], removed: [], changed: [] };
  const change1 = (name: string, version: string): PackageChange => ({ type, name, version });
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const name = id.slice(0, id.indexOf('\0'));
    const was = before.get(id) ?? new Set<string>();
    const is = after.get(id) ?? new Set<string>();
    const gone = [...was].filter((v) => !is.has(v));
    const come = [...is].filter((v) => !was.has(v));
    // One version replaced by another is an upgrade (or downgrade); anything else
    // (kernels and other multi-version packages) is plain additions and removals.
    if (gone.length === 1 && come.length === 1) change.changed.push({ type, name, from: gone[0], to: come[0] });
    else {
      change.removed.push(...gone.map((v) => change1(name, v)));
      change.added.push(...come.map((v) => change1(name, v)));
    }
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  change.added.sort(byName);
  change.removed.sort(byName);
  change.changed.sort(byName);
  return change;
}
