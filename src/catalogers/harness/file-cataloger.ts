/**
 * The generic cataloger: a cataloger of files that each list packages (a deps.json, the
 * dpkg status file, a Go binary's build info, an rpm database) is a declaration — which
 * paths, a pure parser or analysis, how an entry becomes a package — and this harness owns
 * the rest: the loop over wanted files, a warning tied to the path when a file cannot be
 * read (the other files still count), the layer that introduced each package, entries
 * reported once where a spec says so, the non-registry policy, `locations` and `foundBy`.
 * (syft's generic cataloger is the model.)
 */
import type { Package, Warning } from '../../sbom/model.js';
import { introducerOf } from '../common/introduced-by.js';
import { unassessedWarning, type DependencySource } from '../common/outside-registry.js';
import type { Cataloger, CatalogContext, CatalogResult, WantedFile } from '../types.js';
import { fromOutside, withProvenance } from './provenance.js';
import { versionReader } from './readings.js';
import { FileProblem, type FileCatalogerSpec, type OutsideRegistrySpec } from './spec.js';

export { FileProblem, type Cataloged, type FoundPackage, type Reading } from './spec.js';

export function fileCataloger<E, S = undefined, A = never>(spec: FileCatalogerSpec<E, S, A>): Cataloger {
  const companions = spec.outsideRegistry?.companions;
  const cataloger: Cataloger = {
    name: spec.name,
    version: spec.version,
    maxFileBytes: spec.maxFileBytes,
    wants: companions ? (path) => spec.wants(path) || companions(path) : spec.wants,
    catalog: (ctx) => catalogFiles(spec, ctx),
  };
  if (spec.atFixedPaths) Object.assign(cataloger, { atFixedPaths: true });
  if ('analyze' in spec) Object.assign(cataloger, { analyze: spec.analyze });
  return cataloger;
}

function catalogFiles<E, S, A>(spec: FileCatalogerSpec<E, S, A>, ctx: CatalogContext): CatalogResult {
  const warnings: Warning[] = [];
  const packages: Package[] = [];
  const reported: E[] = [];
  const scope = spec.prepare ? spec.prepare(ctx) : (undefined as S);
  const companion = companionLookup(ctx.files, spec.outsideRegistry);
  const readVersion = versionReader(spec);
  const reportedKeys = new Map<string, Set<string>>();
  const lists = spec.lists ?? spec.wants;
  const listing = ctx.files.filter((f) => lists(f.path));
  if (spec.rank) listing.sort((a, b) => spec.rank!(a.path) - spec.rank!(b.path));
  for (const file of listing) {
    let reading;
    try {
      reading = readVersion.final(file);
    } catch (err) {
      warnings.push({ path: file.path, message: fileWarning(spec, err as Error) });
      continue;
    }
    if (!reading) continue;
    for (const message of reading.problems ?? []) warnings.push({ path: file.path, message });
    const keysAt = (v: Parameters<typeof readVersion.safe>[1]) => {
      const entries = readVersion.safe(file.path, v);
      return entries && new Set(entries.map(spec.key));
    };
    const introducedBy = introducerOf(ctx.history(file.path), file.layer, keysAt);
    const once = onceSet(spec, file, reportedKeys);
    const unassessed: { name: string; source: DependencySource }[] = [];
    for (const entry of reading.entries) {
      const key = spec.key(entry);
      if (once?.has(key)) continue;
      once?.add(key);
      let found;
      try {
        found = spec.toPackage(entry, file, scope);
      } catch (err) {
        warnings.push({ path: file.path, message: spec.problem(entry, err as Error) });
        continue;
      }
      const source = spec.outsideRegistry?.sourceOf(entry, file, companion);
      if (source) {
        found = fromOutside(found, source);
        if (!spec.outsideRegistry!.isProject?.(entry)) unassessed.push({ name: found.name, source });
      }
      packages.push(withProvenance(found, file, introducedBy(key).diffId, spec.name));
      reported.push(entry);
    }
    if (unassessed.length > 0)
      warnings.push({ path: file.path, message: unassessedWarning(spec.outsideRegistry!.registry, unassessed) });
  }
  const result: CatalogResult = { packages, warnings };
  if (spec.finish) Object.assign(result, spec.finish({ ctx, scope, packages, reported, entriesOf: readVersion.safe }));
  return result;
}

function fileWarning<E, S, A>(spec: FileCatalogerSpec<E, S, A>, err: Error): string {
  return err instanceof FileProblem ? err.message : `${spec.fileKind} could not be read: ${err.message}`;
}

/** The keys already reported where this file's entries are reported once; undefined when never merged. */
function onceSet<E, S, A>(
  spec: FileCatalogerSpec<E, S, A>,
  file: WantedFile,
  reported: Map<string, Set<string>>,
): Set<string> | undefined {
  if (!spec.oncePer) return undefined;
  const group = spec.oncePer === 'image' ? '' : spec.oncePer === 'file' ? file.path : spec.oncePer(file);
  let keys = reported.get(group);
  if (!keys) reported.set(group, (keys = new Set()));
  return keys;
}

/** The companion files by path; a lookup that finds nothing when the spec has none. */
function companionLookup<E>(
  files: WantedFile[],
  outside: OutsideRegistrySpec<E> | undefined,
): (path: string) => WantedFile | undefined {
  if (!outside?.companions) return () => undefined;
  const byPath = new Map(files.filter((f) => outside.companions!(f.path)).map((f) => [f.path, f]));
  return (path) => byPath.get(path);
}
