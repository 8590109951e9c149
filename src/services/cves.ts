/**
 * `airlock cves`: the findings of an image as a report, after the user's filters.
 * Filters apply to findings; `onlyVulnPackages` then drops packages left without any.
 */
import type { Finding } from '../match/types.js';
import type { ImageInfo, PackageSummary, ReportFilters, VulnReport } from '../findings/model.js';
import { countGroups } from '../findings/counts.js';
import type { PackageType, Sbom } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';
import { matchImage, type MatchImageOptions, type MatchResult } from './match.js';
import { posix } from 'node:path';
import { type VexChoice, applyVexFile, withVex, type VexReport } from '../vex/reports.js';
import type { BaseFilter } from '../base/attribute.js';
import { splitByBase, type BaseSplit } from './base/cves.js';
import { unassessed } from '../match/coverage-text.js';

export interface CvesOptions extends MatchImageOptions {
  filters?: ReportFilters;
  /** OpenVEX documents (files or directories) to apply; default: <AIRLOCK_HOME>/vex.openvex.json when it exists. */
  vexFile?: string | string[];
  /** `--vex-author`, `--only-vex-affected`. */
  vex?: VexChoice;
  /** List the findings VEX statements suppressed (`suppressed` in the report). */
  showSuppressed?: boolean;
  /** `--only-base` / `--ignore-base`: only the base image's findings, or only the image's own. */
  baseFilter?: BaseFilter;
  /** `--base NAME`: the base image to split on (catalog name or digest), instead of detecting it. */
  base?: string;
}

export function keepFinding(f: Finding, filters: ReportFilters): boolean {
  if (filters.onlySeverity && !filters.onlySeverity.includes(f.severity.band)) return false;
  if (filters.onlyPackageType && !filters.onlyPackageType.includes(f.package.type)) return false;
  if (filters.onlyFixed && f.status !== 'fixed') return false;
  if (filters.onlyUnfixed && f.status === 'fixed') return false;
  if (filters.onlyCisaKev && !f.kev) return false;
  if (filters.onlyCveId && ![f.vulnId, ...f.aliases].some((id) => filters.onlyCveId!.includes(id.toUpperCase())))
    return false;
  if (filters.onlyPackage && !namedIn(filters.onlyPackage, f.package)) return false;
  if (filters.epssScore !== undefined && !(f.epss && f.epss.epss >= filters.epssScore)) return false;
  if (filters.epssPercentile !== undefined && !(f.epss && f.epss.percentile >= filters.epssPercentile)) return false;
  if (filters.onlyMetric && !hasMetrics(f.severity.cvss?.vector, filters.onlyMetric)) return false;
  return true;
}

/** Whether a CVSS vector (`CVSS:3.1/AV:N/AC:L/…`) carries every `metric:value` pair given. */
function hasMetrics(vector: string | undefined, metrics: string[]): boolean {
  if (!vector) return false;
  const parts = new Set(vector.toUpperCase().split('/'));
  return metrics.every((m) => parts.has(m));
}

const patterns = new Map<string, RegExp>();

/**
 * `--only-package` takes regular expressions, as Scout's does, tried on a package's name
 * as installed (zlib1g) and on its source package (zlib), ignoring case.
 */
function namedIn(sources: string[], pkg: { name: string; sourceName?: string }): boolean {
  return sources.some((source) => {
    let re = patterns.get(source);
    if (!re) patterns.set(source, (re = new RegExp(source, 'i')));
    return re.test(pkg.name) || (pkg.sourceName !== undefined && re.test(pkg.sourceName));
  });
}

/** What to call an image: a `repo:tag` name from the archive, else the file it was read from. */
export function imageInfo(sbom: Sbom): ImageInfo {
  const { image } = sbom;
  const name =
    image.names.find((n) => n.includes(':') || n.includes('/')) ?? posix.basename(image.source.replace(/\\/g, '/'));
  const info: ImageInfo = { name, source: image.source, format: image.format, layers: image.layers.length };
  if (image.manifestDigest) info.manifestDigest = image.manifestDigest;
  if (image.configDigest) info.configDigest = image.configDigest;
  if (image.platform)
    info.platform = [image.platform.os, image.platform.architecture, image.platform.variant].filter(Boolean).join('/');
  return info;
}

export function buildReport(result: MatchResult, filters: ReportFilters = {}, now = new Date()): VulnReport {
  const { sbom } = result;
  const findings = result.findings.filter((f) => keepFinding(f, filters));
  const byPurl = new Map<string, Finding[]>();
  for (const f of findings) byPurl.set(f.package.purl, [...(byPurl.get(f.package.purl) ?? []), f]);
  const types = filters.onlyPackageType as PackageType[] | undefined;
  const packages: PackageSummary[] = sbom.packages
    .filter((p) => !types || types.includes(p.type))
    .filter((p) => !filters.onlyPackage || namedIn(filters.onlyPackage, p))
    .map((p) => ({
      name: p.name,
      version: p.version,
      type: p.type,
      purl: p.purl,
      ...(p.introducedByLayer ? { introducedByLayer: p.introducedByLayer } : {}),
      counts: countGroups(byPurl.get(p.purl) ?? []),
    }))
    .filter((p) => !filters.onlyVulnPackages || (byPurl.get(p.purl)?.length ?? 0) > 0);
  return {
    schemaVersion: 1,
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
    generatedAt: now.toISOString(),
    image: imageInfo(sbom),
    ...(sbom.distro ? { distro: sbom.distro } : {}),
    database: result.database,
    coverage: result.coverage.entries,
    ...(result.coverage.endOfLife ? { endOfLife: result.coverage.endOfLife } : {}),
    ...(result.staleness ? { staleness: result.staleness } : {}),
    indexedPackages: sbom.packages.length,
    packages,
    findings,
    counts: countGroups(findings),
    filters,
    warnings: [...result.warnings, ...sbom.warnings.map((w) => `${w.path}: ${w.message}`)],
  };
}

export async function cvesReport(input: string, options: CvesOptions = {}): Promise<VexReport & { base?: BaseSplit }> {
  const now = options.now ?? new Date();
  // The base split comes first: the other filters, and VEX, apply within it.
  const { result: matched, split } = await splitByBase(await matchImage(input, { ...options, now }), options);
  // Suppressed findings leave counts and lists before the report is built.
  const vex = await applyVexFile(matched, options.vexFile, now, options.vex);
  const filters = options.filters ?? {};
  const report = withVex(
    buildReport(vex.result, filters, now),
    vex,
    (f) => keepFinding(f, filters),
    options.showSuppressed,
  );
  return split ? { ...report, base: split } : report;
}

/** OS packages that got no verdict (no advisory data for the release, distro unknown): a clean count over them is not clean. */
export function unassessedOsPackages(report: Pick<VulnReport, 'coverage'>): number {
  return unassessed({ entries: report.coverage ?? [] }, true).reduce((n, e) => n + e.packages, 0);
}
