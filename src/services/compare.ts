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
import { imageInfo, keepFinding } from './cves.js';
import type { ImageSelection } from '../image/resolve.js';
import type { ReportFilters } from '../findings/model.js';
import { splitByBase } from './base/cves.js';
import { applyVexFile, type VexChoice } from '../vex/reports.js';
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
  /** `--to-ref` / `--to-platform`: which image of the second archive. */
  toSelection?: ImageSelection;
  /** The `--only-*` filters of `cves`, applied to both sides. */
  filters?: ReportFilters;
  /** `--ignore-base`: leave out, on each side, the findings of its base image's layers. */
  ignoreBase?: boolean;
  /** VEX documents applied to both sides. */
  vexFile?: string | string[];
  vex?: VexChoice;
}

/** One side as the user narrowed it: without its base's findings, VEX applied, then the filters. */
async function narrowed(matched: MatchResult, options: CompareOptions, now: Date): Promise<MatchResult> {
  const { result } = await splitByBase(matched, {
    baseFilter: options.ignoreBase ? 'ignore-base' : undefined,
    storeFile: options.storeFile,
  });
  const vex = await applyVexFile(result, options.vexFile, now, options.vex);
  const filters = options.filters ?? {};
  const types = filters.onlyPackageType;
  const packages = vex.result.sbom.packages.filter(
    (p) =>
      (!types || types.includes(p.type)) &&
      (!filters.onlyPackage ||
        filters.onlyPackage.some(
          (re) =>
            new RegExp(re, 'i').test(p.name) || (p.sourceName !== undefined && new RegExp(re, 'i').test(p.sourceName)),
        )),
  );
  return {
    ...vex.result,
    sbom: { ...vex.result.sbom, packages },
    findings: vex.result.findings.filter((f) => keepFinding(f, filters)),
  };
}

/** `--exit-on`: whether the first image got worse in the way asked. */
export function gotWorse(result: CompareResult, on: 'vulnerability' | 'package'): boolean {
  if (on === 'vulnerability') return result.newVulnerabilities.length > 0;
  return result.packages.some((p) => p.kind !== 'unchanged');
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
    const kind: PackageChangeKind = !a
      ? 'added'
      : !b
        ? 'removed'
        : from.join('\n') === to.join('\n')
          ? 'unchanged'
          : 'changed';
    changes.push({ kind, type: (a ?? b)!.type, name: (a ?? b)!.name, from, to });
  }
  return changes.sort((x, y) =>
    x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0,
  );
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
  return [
    ...shared,
    ...a.filter((w) => !shared.has(w)).map((w) => `${nameA}: ${w}`),
    ...b.filter((w) => !shared.has(w)).map((w) => `${nameB}: ${w}`),
  ];
}

export function compareResults(
  image: MatchResult,
  other: MatchResult,
  options: { ignoreUnchanged?: boolean } = {},
): CompareResult {
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
  const changes = packageChanges(image.sbom, other.sbom).filter(
    (c) => !options.ignoreUnchanged || c.kind !== 'unchanged',
  );
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
  const image = await narrowed(await matchImage(input, { ...options, now }), options, now);
  // `--image`/`--platform` select inside the first archive; `--to-ref`/`--to-platform` inside the second.
  const other = await narrowed(
    await matchImage(to, {
      ...options.toSelection,
      dbFile: options.dbFile,
      onLayer: options.onLayer,
      now,
      ignoreAttestations: options.ignoreAttestations,
      storeFile: options.storeFile,
    }),
    options,
    now,
  );
  return compareResults(image, other, options);
}
