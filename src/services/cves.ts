/**
 * `airlock cves`: the findings of an image as a report, after the user's filters.
 * Filters apply to findings; `onlyVulnPackages` then drops packages left without any.
 */
import type { Finding } from '../match/types.js';
import type { ImageInfo, PackageSummary, ReportFilters, VulnReport } from '../report/vulns/model.js';
import { countGroups } from '../report/vulns/counts.js';
import type { PackageType, Sbom } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';
import { matchImage, type MatchImageOptions, type MatchResult } from './match.js';
import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { type VexChoice, applyVexFile, withVex, type VexReport } from '../vex/reports.js';
import type { BaseFilter } from '../base/attribute.js';
import { splitByBase, type BaseSplit } from '../base/cves.js';

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
  if (filters.onlyCveId && ![f.vulnId, ...f.aliases].some((id) => filters.onlyCveId!.includes(id.toUpperCase()))) return false;
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
  const name = image.names.find((n) => n.includes(':') || n.includes('/')) ?? posix.basename(image.source.replace(/\\/g, '/'));
  const info: ImageInfo = { name, source: image.source, format: image.format, layers: image.layers.length };
  if (image.manifestDigest) info.manifestDigest = image.manifestDigest;
  if (image.configDigest) info.configDigest = image.configDigest;
  if (image.platform) info.platform = [image.platform.os, image.platform.architecture, image.platform.variant].filter(Boolean).join('/');
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
    .map((p) => ({ name: p.name, version: p.version, type: p.type, purl: p.purl, counts: countGroups(byPurl.get(p.purl) ?? []) }))
    .filter((p) => !filters.onlyVulnPackages || (byPurl.get(p.purl)?.length ?? 0) > 0);
  return {
    schemaVersion: 1,
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
    generatedAt: now.toISOString(),
    image: imageInfo(sbom),
    ...(sbom.distro ? { distro: sbom.distro } : {}),
    database: result.database,
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
  const report = withVex(buildReport(vex.result, filters, now), vex, (f) => keepFinding(f, filters), options.showSuppressed);
  return split ? { ...report, base: split } : report;
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unspecified'] as const;
export const PACKAGE_TYPES: PackageType[] = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'maven', 'golang', 'cargo', 'gem', 'composer', 'nuget'];

/** `critical,high` → ['critical', 'high'], refusing words outside `allowed` with the list of valid ones. */
export function parseList<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  const hint = `use a comma-separated list of ${allowed.join(', ')}`;
  const items = parseWords(flag, value, hint)?.map((s) => s.toLowerCase());
  const bad = items?.filter((s) => !(allowed as readonly string[]).includes(s)) ?? [];
  if (bad.length > 0) throw new UserError(`--${flag}: unknown value ${bad.map((b) => JSON.stringify(b)).join(', ')}`, { hint });
  return items as T[] | undefined;
}

export interface RawFilterFlags {
  'only-severity'?: string;
  'only-package-type'?: string;
  'only-fixed'?: boolean;
  'only-unfixed'?: boolean;
  'only-cisa-kev'?: boolean;
  'only-vuln-packages'?: boolean;
  'only-cve-id'?: string;
  'only-package'?: string;
  'epss-score'?: string;
  'epss-percentile'?: string;
  'only-metric'?: string;
}

/** Comma-separated words (ids, package names, metrics), at least one. */
function parseWords(flag: string, value: string | undefined, hint = 'use a comma-separated list'): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`--${flag}: no value given`, { hint });
  return items;
}

/** `av:n,PR:N` → ['AV:N', 'PR:N']: metric:value pairs as a CVSS vector writes them. */
function parseMetrics(flag: string, value: string | undefined): string[] | undefined {
  const metrics = parseWords(flag, value)?.map((m) => m.toUpperCase());
  const bad = metrics?.find((m) => !/^[A-Z]+:[A-Z]+$/.test(m));
  if (bad) throw new UserError(`--${flag}: ${JSON.stringify(bad)} is not a CVSS metric`, { hint: 'give metric:value pairs as the vector writes them: AV:N,PR:N' });
  return metrics;
}

function checkPattern(flag: string, source: string): string {
  try {
    new RegExp(source, 'i');
  } catch (err) {
    throw new UserError(`--${flag}: ${JSON.stringify(source)} is not a valid regular expression`, { hint: 'give package names, or regular expressions such as ^openssl|^libssl', cause: err });
  }
  return source;
}

function parseFraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UserError(`--${flag}: ${JSON.stringify(value)} is not a number from 0 to 1`, { hint: 'EPSS scores and percentiles are fractions: 0.5 is 50%' });
  }
  return n;
}

export function filtersFromFlags(flags: RawFilterFlags): ReportFilters {
  if (flags['only-fixed'] && flags['only-unfixed']) throw new UserError('--only-fixed and --only-unfixed exclude each other', { hint: 'pass one of them' });
  const filters: ReportFilters = {};
  const severity = parseList('only-severity', flags['only-severity'], SEVERITIES);
  const types = parseList('only-package-type', flags['only-package-type'], PACKAGE_TYPES);
  if (severity) filters.onlySeverity = severity;
  if (types) filters.onlyPackageType = types;
  if (flags['only-fixed']) filters.onlyFixed = true;
  if (flags['only-unfixed']) filters.onlyUnfixed = true;
  if (flags['only-cisa-kev']) filters.onlyCisaKev = true;
  if (flags['only-vuln-packages']) filters.onlyVulnPackages = true;
  const ids = parseWords('only-cve-id', flags['only-cve-id']);
  const packages = parseWords('only-package', flags['only-package']);
  const epssScore = parseFraction('epss-score', flags['epss-score']);
  const epssPercentile = parseFraction('epss-percentile', flags['epss-percentile']);
  if (ids) filters.onlyCveId = ids.map((id) => id.toUpperCase());
  if (packages) filters.onlyPackage = packages.map((source) => checkPattern('only-package', source));
  if (epssScore !== undefined) filters.epssScore = epssScore;
  if (epssPercentile !== undefined) filters.epssPercentile = epssPercentile;
  const metrics = parseMetrics('only-metric', flags['only-metric']);
  if (metrics) filters.onlyMetric = metrics;
  return filters;
}
