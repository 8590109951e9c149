/**
 * What matching produces: one finding per (SBOM package, vulnerability). This is part of
 * the `airlock cves --format json` contract (src/report/vulns/JSON.md): fields are only
 * ever added, never renamed.
 */
import type { EpssScore, KevEntry } from '../advisories/model.js';
import type { PackageLocation, PackageType } from '../sbom/model.js';
import type { SelectedSeverity } from '../severity/index.js';

/** A finding's state; `not_affected` never becomes a finding. */
export type FindingStatus = 'fixed' | 'no_fix_yet' | 'will_not_fix' | 'end_of_life' | 'unknown';

/** The SBOM package a finding is about, as reports need it. */
export interface PackageRef {
  name: string;
  version: string;
  type: PackageType;
  purl: string;
  /** The source package and version an OS package was looked up by, when they differ from name/version. */
  sourceName?: string;
  sourceVersion?: string;
  locations: PackageLocation[];
  introducedByLayer?: string;
  /** The OS package owning the files of this language package (only with `--include-os-owned` does it get findings of its own). */
  ownedBy?: { type: 'deb' | 'rpm' | 'apk'; name: string };
}

export interface Finding {
  /** The CVE when the vulnerability has one, else the advisory's own id (GHSA-…, GO-…, DSA-…). */
  vulnId: string;
  /** Every other id the same vulnerability goes by for this package (DSA, GHSA, PYSEC, …), sorted. */
  aliases: string[];
  package: PackageRef;
  status: FindingStatus;
  /** The version that fixes it for the installed one (the distro's, or the OSV range's next `fixed`). */
  fixedVersion?: string;
  /** The advisory that shipped the fix in this release (DSA-5514-1). */
  fixedBy?: string;
  /** The source's own remark (`no-dsa: Minor issue`, `postponed: …`). */
  note?: string;
  severity: SelectedSeverity;
  kev?: KevEntry;
  epss?: EpssScore;
  description?: string;
  references: string[];
  /** Where the package was looked up: `debian:bookworm`, `alpine:3.20`, `npm`, `PyPI`. */
  namespace: string;
  /** The feed whose record decided the finding (`debian-vuln-list`, `osv`, `alpine-secdb`). */
  source: string;
}
