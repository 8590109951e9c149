/**
 * OSV `affected[]` entries to AffectedPackage. Ranges stay OSV events; GIT ranges are
 * dropped when the entry also has version ranges or a versions list (commit hashes cannot
 * be matched against installed packages), and kept only when they are all there is.
 * Go's `ecosystem_specific.imports` (symbol-level data) is ignored: we match modules.
 */
import type { AffectedPackage, RangeEvent, VersionRange } from '../../advisories/model.js';
import { RecordError, isObject, list, text, unique } from '../common/values.js';
import { namespaceOf, packageNameIn } from './ecosystem.js';

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER', 'GIT']);

export function affectedPackages(entries: unknown): AffectedPackage[] {
  const result: AffectedPackage[] = [];
  list(entries, 'affected').forEach((entry, index) => {
    if (!isObject(entry)) throw new RecordError(`affected[${index}] is not an object`);
    // Entries without a package name a repository only (OSS-Fuzz, kernel); nothing to match.
    if (!isObject(entry.package)) return;
    const ecosystem = text(entry.package.ecosystem);
    const name = text(entry.package.name);
    if (!ecosystem || !name) throw new RecordError(`affected[${index}].package lacks ecosystem or name`);
    result.push(affectedPackage(entry, ecosystem, name, index));
  });
  return result;
}

function affectedPackage(
  entry: Record<string, unknown>,
  ecosystem: string,
  name: string,
  index: number,
): AffectedPackage {
  const allRanges = list(entry.ranges, `affected[${index}].ranges`).map((range, r) =>
    versionRange(range, `affected[${index}].ranges[${r}]`),
  );
  const versions = list(entry.versions, `affected[${index}].versions`).filter(
    (v): v is string => typeof v === 'string',
  );
  const matchable = allRanges.filter((range) => range.type !== 'GIT');
  const ranges = matchable.length > 0 || versions.length > 0 ? matchable : allRanges;
  const fixes = unique(ranges.flatMap((range) => range.events.flatMap((event) => (event.fixed ? [event.fixed] : []))));
  const { namespace, note } = namespaceOf(ecosystem);
  const pkg: AffectedPackage = {
    namespace,
    package: packageNameIn(ecosystem, name),
    status: fixes.length > 0 ? 'fixed' : 'no_fix_yet',
    ranges,
    versions,
  };
  if (fixes.length === 1 && matchable.length > 0) pkg.fixedVersion = fixes[0];
  const availability = isObject(entry.ecosystem_specific) ? text(entry.ecosystem_specific.availability) : undefined;
  if (note) pkg.note = availability ? `${note}: ${availability}` : note;
  return pkg;
}

function versionRange(value: unknown, where: string): VersionRange {
  if (!isObject(value)) throw new RecordError(`${where} is not an object`);
  const type = text(value.type);
  if (!type || !RANGE_TYPES.has(type)) throw new RecordError(`${where} has unknown type ${JSON.stringify(value.type)}`);
  const events = list(value.events, `${where}.events`).map((event, e) => {
    if (!isObject(event)) throw new RecordError(`${where}.events[${e}] is not an object`);
    const kept: RangeEvent = {};
    for (const key of EVENT_KEYS) {
      const v = event[key];
      if (typeof v === 'string') kept[key] = v;
      else if (v !== undefined) throw new RecordError(`${where}.events[${e}].${key} is not a string`);
    }
    return kept;
  });
  return { type: type as VersionRange['type'], events };
}
