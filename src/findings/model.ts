/**
 * The findings model, below every folder that uses it: a match result, its severity
 * counts, and the vulnerability report `airlock cves` renders in every format (as
 * `--format json`, a documented contract: src/report/vulns/JSON.md). Plain data; the
 * report is built by src/services/cves.ts.
 */
import type { Coverage, CoverageEntry } from '../match/coverage.js';
import type { EndOfLife } from '../match/end-of-life.js';
import type { Finding } from '../match/types.js';
import type { Staleness } from './staleness.js';
import type { Distro, PackageType, Sbom } from '../sbom/model.js';
import type { SeverityBand } from '../severity/index.js';

export type SeverityCounts = Record<SeverityBand, number>;

/** An SBOM matched against an advisory database: where `cves`, `quickview`, `compare`, VEX and base splits start. */
export interface MatchResult {
  sbom: Sbom;
  findings: Finding[];
  database: DatabaseInfo;
  /** Per package source: the namespace matched against and whether the database has data for it. */
  coverage: Coverage;
  /** How old the data of the sources matched against is (absent where nothing judged it, e.g. a stored re-evaluation). */
  staleness?: Staleness;
  warnings: string[];
}

/** Which advisory data the findings come from: every report names it. */
export interface DatabaseInfo {
  path: string;
  /** The bundle's sequence number; absent for a database built locally and never imported from a bundle. */
  sequence?: number;
  /** When the bundle was built (ISO 8601). */
  created?: string;
  expires?: string;
  /** Whole days since `created`, or, for a local build, since its newest data date. */
  ageDays?: number;
  /** The newest data date over all feeds. */
  dataDate?: string;
  sources: { name: string; records: number; dataDate?: string }[];
}

export interface ImageInfo {
  /** What to call the image: its repo:tag, else the file name. */
  name: string;
  source: string;
  format: string;
  manifestDigest?: string;
  configDigest?: string;
  platform?: string;
  layers: number;
}

export interface PackageSummary {
  name: string;
  version: string;
  type: PackageType;
  purl: string;
  /** The diff_id of the layer that brought the package in, as the SBOM says: what `--only-base` splits on. */
  introducedByLayer?: string;
  /** Distinct vulnerabilities left after filters, by band. */
  counts: SeverityCounts;
}

export interface ReportFilters {
  onlySeverity?: SeverityBand[];
  onlyPackageType?: PackageType[];
  onlyFixed?: boolean;
  onlyUnfixed?: boolean;
  onlyCisaKev?: boolean;
  onlyVulnPackages?: boolean;
  /** Only these vulnerabilities, by id or alias (CVE-…, GHSA-…, DSA-…), upper case. */
  onlyCveId?: string[];
  /** Only packages whose name or source package name matches one of these regular expressions (case ignored). */
  onlyPackage?: string[];
  /** Only vulnerabilities with at least this EPSS score / percentile (0 to 1). */
  epssScore?: number;
  epssPercentile?: number;
  /** Only vulnerabilities whose CVSS vector (the one shown with the severity) has every one of these metrics (`AV:N`). */
  onlyMetric?: string[];
}

export interface VulnReport {
  schemaVersion: 1;
  tool: { name: 'airlock'; version: string };
  generatedAt: string;
  image: ImageInfo;
  distro?: Distro;
  database: DatabaseInfo;
  /**
   * Per package source (package type and the namespace it was looked up in): whether the
   * database holds any data there. Before filters. An entry whose status is not
   * `assessed` means its packages got no verdict, whatever the counts say.
   */
  coverage: CoverageEntry[];
  /** The distro release's end of life, when the database lists the release. */
  endOfLife?: EndOfLife;
  /** The data dates of the sources the image was matched against, judged against `--max-age`. */
  staleness?: Staleness;
  /** Packages indexed in the image (before filters). */
  indexedPackages: number;
  /** Packages after filters, with their counts. */
  packages: PackageSummary[];
  findings: Finding[];
  /** Distinct (vulnerability, package) findings left after filters, by band. */
  counts: SeverityCounts;
  filters: ReportFilters;
  /** Things the reader must know: a stale database, files that could not be read. */
  warnings: string[];
}
