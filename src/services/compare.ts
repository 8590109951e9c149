/**
 * `airlock compare IMAGE --to OTHER`: what changed between two images, packages and
 * vulnerabilities. Packages are compared by (type, name): the set of installed versions
 * of each. Vulnerabilities by (id, package group): new ones are in IMAGE only, fixed ones
 * in OTHER only. Both images are matched against the same database.
 */
import type { CoverageEntry } from '../match/coverage.js';
import type { EndOfLife } from '../match/end-of-life.js';
import type { Finding } from '../match/types.js';
import { countGroups } from '../findings/counts.js';
import type { DatabaseInfo, SeverityCounts } from '../findings/model.js';
import { groupKey } from '../findings/package-groups.js';
import type { PackageType, Sbom } from '../sbom/model.js';
import { BANDS } from '../severity/index.js';
import { imageInfo } from './cves.js';
import { matchImage, type MatchImageOptions, type MatchResult } from './match.js';

export type PackageChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface PackageChange {
  kind: PackageChangeKind;
  type: PackageType;
  name: string;
  /** Versions in OTHER (`--to`), sorted. */
  from: string[];
  /** Versions in IMAGE, sorted. */
  to: string[];
}

export interface CompareSide {
  name: string;
  packages: number;
  counts: SeverityCounts;
  /** Per package source of this image: the namespace matched against and whether it had data. */
  coverage: CoverageEntry[];
  endOfLife?: EndOfLife;
}

export interface CompareResult {
  image: CompareSide;
  other: CompareSide;
  /** IMAGE minus OTHER, per band. */
  delta: SeverityCounts;
  packages: PackageChange[];
  /** In IMAGE, not in OTHER. */
  newVulnerabilities: Finding[];
  /** In OTHER, gone from IMAGE. */
  fixedVulnerabilities: Finding[];
  database: DatabaseInfo;
  warnings: string[];
}

export interface CompareOptions extends MatchImageOptions {
  ignoreUnchanged?: boolean;
}

function versionsByPackage(sbom: Sbom): Map<string, { type: PackageType; name: string; versions: Set<string> }> {
  const out = new Map<string, { type: PackageType; name: string; versions: Set<string> }>();
  for (const p of sbom.packages) {
    const key = `${p.type}\u0000${p.name}`;
    const entry = out.get(key) ?? { type: p.type, name: p.name, versions: new Set<string>() };
    entry.versions.add(p.version);
    out.set(key, entry);
  }
  return out;
}

export function packageChanges(image: Sbom, other: Sbom): PackageChange[] {
  const now = versionsByPackage(image);
  const before = versionsByPackage(other);
  const changes: PackageChange[] = [];
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    const a = before.get(key);
    const b = now.get(key);
    const from = [...(a?.versions ?? [])].sort();
    const to = [...(b?.versions ?? [])].sort();
    const kind: PackageChangeKind = !a ? 'added' : !b ? 'removed' : from.join('\n') === to.join('\n') ? 'unchanged' : 'changed';
    changes.push({ kind, type: (a ?? b)!.type, name: (a ?? b)!.name, from, to });
  }
  return changes.sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

const findingKey = (f: Finding) => `${f.vulnId}\u0000${f.package.type}\u0000${f.package.sourceName ?? f.package.name}`;

function onlyIn(a: Finding[], b: Finding[]): Finding[] {
  const other = new Set(b.map(findingKey));
  const seen = new Set<string>();
  return a.filter((f) => {
    const key = `${findingKey(f)}\u0000${groupKey(f.package)}`;
    if (other.has(findingKey(f)) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sideWarnings(nameA: string, a: string[], nameB: string, b: string[]): string[] {
  const shared = new Set(a.filter((w) => b.includes(w)));
  return [...shared, ...a.filter((w) => !shared.has(w)).map((w) => `${nameA}: ${w}`), ...b.filter((w) => !shared.has(w)).map((w) => `${nameB}: ${w}`)];
}

export function compareResults(image: MatchResult, other: MatchResult, options: { ignoreUnchanged?: boolean } = {}): CompareResult {
  const side = (r: MatchResult): CompareSide => ({
    name: imageInfo(r.sbom).name,
    packages: r.sbom.packages.length,
    counts: countGroups(r.findings),
    coverage: r.coverage.entries,
    ...(r.coverage.endOfLife ? { endOfLife: r.coverage.endOfLife } : {}),
  });
  const a = side(image);
  const b = side(other);
  const delta = Object.fromEntries(BANDS.map((band) => [band, a.counts[band] - b.counts[band]])) as SeverityCounts;
  const changes = packageChanges(image.sbom, other.sbom).filter((c) => !options.ignoreUnchanged || c.kind !== 'unchanged');
  return {
    image: a,
    other: b,
    delta,
    packages: changes,
    newVulnerabilities: onlyIn(image.findings, other.findings),
    fixedVulnerabilities: onlyIn(other.findings, image.findings),
    database: image.database,
    // A warning of one image only names that image; one both share is said once.
    warnings: sideWarnings(a.name, image.warnings, b.name, other.warnings),
  };
}

export async function compareImages(input: string, to: string, options: CompareOptions = {}): Promise<CompareResult> {
  const now = options.now ?? new Date();
  const image = await matchImage(input, { ...options, now });
  // `--image`/`--platform` select inside the first archive only; the second is read as it is.
  const other = await matchImage(to, { dbFile: options.dbFile, onLayer: options.onLayer, now, ignoreAttestations: options.ignoreAttestations, storeFile: options.storeFile });
  return compareResults(image, other, options);
}
