/**
 * Turns one tracker CVE entry, plus the DSA/DLA fixes that cite it, into a
 * normalized advisory with one affected row per (package, release):
 * - a line without `[release]` is unstable's (`debian:sid`);
 * - a `[release]` line is that release's own statement;
 * - a DSA/DLA fix for a release replaces a CVE line that had no fix
 *   (`<no-dsa>`, `<postponed>`, `<unfixed>`…) and names itself in `fixedBy`;
 * - a release with neither takes unstable's state (RELEASES_INHERITING_UNSTABLE).
 * `[experimental]` lines and `<itp>` (not yet packaged) are left out.
 */
import type { Advisory, AffectedPackage } from '../../advisories/model.js';
import { latestFix, type ReleaseFix, type ReleaseFixIndex } from './release-fixes.js';
import { DEBIAN_UNSTABLE, RELEASES_INHERITING_UNSTABLE, debianNamespace } from './releases.js';
import { lineStatus, urgencyRating, type CveEntry, type PackageLine } from './tracker-entry.js';

export function resolveTrackerAdvisory(entry: CveEntry, fixes: ReleaseFix[], source: string): Advisory | undefined {
  if (entry.rejected) return undefined;
  const lines = entry.packages.filter((l) => l.release !== 'experimental' && l.kind !== 'itp');
  const packages = [...new Set([...lines.map((l) => l.package), ...fixes.map((f) => f.line.package)])];
  const affected = packages.flatMap((pkg) =>
    affectedForPackage(
      pkg,
      lines.filter((l) => l.package === pkg),
      fixes.filter((f) => f.line.package === pkg),
    ),
  );
  if (affected.length === 0) return undefined;
  return {
    id: entry.id,
    source,
    aliases: [],
    summary: entry.summary,
    description: entry.description,
    references: references(entry),
    severities: [],
    affected,
  };
}

/** Vulnerabilities known only from DSA/DLA entries: no CVE list was given, or it lacks them. */
export function* advisoriesFromFixesOnly(fixes: ReleaseFixIndex, source: string): Generator<Advisory> {
  for (const id of fixes.remainingIds()) {
    const entry: CveEntry = { id, summary: fixes.titleOf(id), xrefs: [], packages: [], notes: [], rejected: false };
    const advisory = resolveTrackerAdvisory(entry, fixes.take(id), source);
    if (advisory) yield advisory;
  }
}

function affectedForPackage(pkg: string, lines: PackageLine[], fixes: ReleaseFix[]): AffectedPackage[] {
  const unstable = lines.find((l) => !l.release);
  const explicit = new Map<string, PackageLine>();
  for (const line of lines) if (line.release && !explicit.has(line.release)) explicit.set(line.release, line);
  const releases = new Set<string>([...explicit.keys(), ...fixes.map((f) => f.line.release!)]);
  if (unstable) for (const r of RELEASES_INHERITING_UNSTABLE) releases.add(r);

  const out: AffectedPackage[] = [];
  if (unstable) out.push(fromLine(DEBIAN_UNSTABLE, unstable, unstable));
  for (const release of [...releases].sort()) {
    const line = explicit.get(release);
    const fix = latestFix(fixes.filter((f) => f.line.release === release));
    if (line || fix) out.push(combine(release, line, fix, unstable));
    else out.push(inherited(release, unstable!));
  }
  return out;
}

function combine(
  release: string,
  line: PackageLine | undefined,
  fix: ReleaseFix | undefined,
  unstable?: PackageLine,
): AffectedPackage {
  if (!fix) return fromLine(release, line!, unstable);
  const fixed = fix.line.kind === 'fixed';
  if (!line || (fixed && !['fixed', 'not-affected'].includes(line.kind))) {
    return { ...fromLine(release, fix.line, line ?? unstable), ...(fixed ? { fixedBy: fix.advisoryId } : {}) };
  }
  const row = fromLine(release, line, unstable);
  if (fixed && line.kind === 'fixed' && line.version === fix.line.version) row.fixedBy = fix.advisoryId;
  return row;
}

/** `severityFrom` supplies the urgency when the line has none: unstable's line rates the issue for every release. */
function fromLine(release: string, line: PackageLine, severityFrom?: PackageLine): AffectedPackage {
  const { status, fixedVersion, note } = lineStatus(line);
  const severity = urgencyRating(line.urgency ?? severityFrom?.urgency);
  return {
    namespace: debianNamespace(release),
    package: line.package,
    status,
    ...(fixedVersion ? { fixedVersion } : {}),
    ranges: [],
    versions: [],
    ...(note ? { note } : {}),
    ...(severity ? { severity } : {}),
  };
}

function inherited(release: string, unstable: PackageLine): AffectedPackage {
  const row = fromLine(release, unstable, unstable);
  // Removal from unstable does not remove the package from a stable release: it stays unfixed there.
  if (unstable.kind === 'removed') return { ...row, status: 'no_fix_yet', note: 'removed from unstable' };
  // Fixed in unstable with no line for this release: the release has no fixed package of
  // its own (the tracker shows it "vulnerable"). The unstable version still bounds it: a
  // release already at or above it is not affected.
  if (row.status === 'fixed' && row.fixedVersion)
    return {
      ...row,
      status: 'no_fix_yet',
      note: `fixed in unstable in ${row.fixedVersion}; no fix for ${release} yet`,
    };
  return row;
}

function references(entry: CveEntry): string[] {
  const refs = [`https://security-tracker.debian.org/tracker/${entry.id}`];
  for (const line of entry.packages) for (const bug of line.bugs) refs.push(`https://bugs.debian.org/${bug}`);
  for (const note of entry.notes) {
    const url = /^(https?:\/\/\S+)$/.exec(note)?.[1];
    if (url) refs.push(url);
  }
  return [...new Set(refs)];
}
