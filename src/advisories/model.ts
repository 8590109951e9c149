/**
 * Normalized advisory records: what every feed importer emits and what the
 * bundle builder writes into the advisory database. One shape for every source,
 * so matching never needs to know where a record came from.
 */

/** Where a package's advisories are looked up: a distro release or a language ecosystem. */
export type Namespace =
  /** `debian:bookworm`, `alpine:3.20`, `ubuntu:22.04`, `redhat:9` */
  | `${string}:${string}`
  /** OSV ecosystem names: `npm`, `PyPI`, `Go`, `Maven`, `crates.io`, `RubyGems`, `NuGet`, `Packagist` */
  | string;

/**
 * The state of a package in a release for one vulnerability.
 * - fixed: versions before `fixedVersion` (or inside `ranges`) are affected
 * - not_affected: never affected; produces no finding
 * - will_not_fix: affected, and the distro says it will not fix it (Debian `<ignored>`, `<no-dsa>` is no_fix_yet)
 * - no_fix_yet: affected, no fixed version yet (`<unfixed>`, `<postponed>`, `<no-dsa>`)
 * - end_of_life: affected, the release or package is out of support
 * - unknown: untriaged (`TODO: check`); reported as affected with no fix
 */
export type AffectedStatus = 'fixed' | 'not_affected' | 'will_not_fix' | 'no_fix_yet' | 'end_of_life' | 'unknown';

/** OSV range event, kept as OSV defines it. */
export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface VersionRange {
  /** OSV range type; distro data is expressed as ECOSYSTEM with the distro's comparator. */
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  events: RangeEvent[];
}

export interface AffectedPackage {
  namespace: Namespace;
  /** Package name as the namespace names it: Debian source package, Alpine origin, npm name, Maven `group:artifact`, PyPI name (PEP 503 normalized). */
  package: string;
  status: AffectedStatus;
  /** The first fixed version when there is exactly one that matters (distro data). */
  fixedVersion?: string;
  ranges: VersionRange[];
  /** OSV `versions` list: explicit affected versions. */
  versions: string[];
  /** Free text from the source (e.g. Debian's `<no-dsa>` note, "Minor issue"). */
  note?: string;
  /** The support stream the row is limited to (Red Hat `EUS 9.4`, `ELS`); absent for the mainline. */
  stream?: string;
  /** The module the row is for (Red Hat `nodejs:20:9040020240807145417:rhel9`); absent for non-modular packages. */
  module?: string;
  /** The advisory that fixed it in this release (e.g. DSA-5514-1), when known. */
  fixedBy?: string;
  /** The distro's own urgency/severity for this package and release (Debian urgency, per-release). */
  severity?: SeverityRating;
}

export type SeverityRating = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';

export interface SeverityRecord {
  /** Who rated it: `debian`, `alpine`, `ghsa`, `nvd`, `cisa-adp`, a CNA short name, `redhat`, `ubuntu`, `osv`. */
  source: string;
  rating?: SeverityRating;
  cvssVersion?: '2.0' | '3.0' | '3.1' | '4.0';
  vector?: string;
  score?: number;
}

export interface Advisory {
  /** Primary id as the source names it: CVE-2023-4911, GHSA-…, DSA-5514-1, PYSEC-…, GO-…, RHSA-… */
  id: string;
  /** Feed that produced the record, e.g. `debian-tracker`, `alpine-secdb`, `osv`, `nvd`. */
  source: string;
  aliases: string[];
  summary?: string;
  description?: string;
  published?: string;
  modified?: string;
  /** Set when the source withdrew the advisory; matching ignores withdrawn ones. */
  withdrawn?: string;
  references: string[];
  severities: SeverityRecord[];
  affected: AffectedPackage[];
}

export interface KevEntry {
  cve: string;
  vendor: string;
  product: string;
  name: string;
  dateAdded: string;
  dueDate?: string;
  requiredAction?: string;
  knownRansomwareCampaignUse?: string;
}

export interface EpssScore {
  cve: string;
  epss: number;
  percentile: number;
  /** Score date from the file's `#model_version:…,score_date:…` line. */
  date?: string;
  model?: string;
}

/** One release of a product and when its support ends, as endoflife.date lists it. */
export interface EolRelease {
  /** endoflife.date's product name: `debian`, `alpine-linux`, `ubuntu`, `rhel`, `python`. */
  product: string;
  /** The release (cycle) name: `12`, `3.19`, `24.04`. */
  release: string;
  codename?: string;
  releaseDate?: string;
  /** The day support ends (`YYYY-MM-DD`), when the source gives one. */
  eolDate?: string;
  /** The source's own verdict on its data date, for releases without a date. */
  isEol?: boolean;
}

export type FeedRecord =
  | { kind: 'advisory'; advisory: Advisory }
  | { kind: 'kev'; entry: KevEntry }
  | { kind: 'epss'; score: EpssScore }
  /**
   * The date of the data read (newest modified / file date), yielded by `read` once it
   * knows it, usually last. It is part of what one `read` returns, never importer state,
   * so two reads (of two files, at once) cannot see each other's dates.
   */
  | { kind: 'data-date'; date: string }
  | { kind: 'eol'; release: EolRelease };

export interface FeedWarning {
  file: string;
  message: string;
}

export interface FeedContext {
  /** A malformed record is skipped with a counted warning; the build goes on. */
  warn(warning: FeedWarning): void;
}

/**
 * How an importer of a content-recognized format (NVD, CVE 5, OSV, EPSS, ...) claims files: the
 * feed walk sniffs each file or archive once with `formatOf` (one function shared by these importers,
 * so one sniff answers them all) and hands it to the first importer listing that format. A folder
 * is never claimed whole, so a tree mixing formats is read once, file by file, not once per format.
 */
export interface FormatClaim {
  readonly formats: readonly string[];
  /** The format of the plain file or archive at `path`, or why it cannot be read as feed data. */
  formatOf(path: string): Promise<SniffedFormat>;
}

export interface SniffedFormat {
  format?: string;
  /** A file that looks like feed data (by its extension) but cannot be read: a warning, not a silent skip. */
  problem?: string;
}

/** One public feed format. One folder under `src/feeds/` each. */
export interface FeedImporter {
  /** Stable source name, recorded in the bundle manifest with counts and data dates. */
  readonly name: string;
  /**
   * Whether this importer reads the file or directory at `path`, judged by its shape (a tracker
   * checkout, an OVAL file). Importers with `claim` are asked by format instead (db/feed-walk.ts).
   */
  detect(path: string): Promise<boolean>;
  /** For feeds recognized by content: the formats this importer reads, one file or archive at a time. */
  readonly claim?: FormatClaim;
  /** The records of `path`, and its data date as a `data-date` record. Importers keep no state between reads. */
  read(path: string, ctx: FeedContext): AsyncIterable<FeedRecord>;
}
