/**
 * The Debian security tracker's data model, shared by the readers of its list
 * files (`data/{CVE,DSA,DLA}/list`) and of their JSON rendering
 * (aquasecurity/vuln-list-debian): one entry per CVE or advisory, holding
 * package lines like `[bookworm] - glibc 2.36-9+deb12u3` or `- expat <unfixed>`.
 */
import type { AffectedStatus, SeverityRating } from '../../advisories/model.js';

export const DEBIAN_KINDS = [
  'fixed',
  'unfixed',
  'not-affected',
  'no-dsa',
  'ignored',
  'postponed',
  'removed',
  'end-of-life',
  'undetermined',
  'itp',
] as const;
export type DebianKind = (typeof DEBIAN_KINDS)[number];

export interface PackageLine {
  /** Release codename from `[bookworm]`; absent means unstable (sid). */
  release?: string;
  package: string;
  kind: DebianKind;
  /** The fixed version, for kind `fixed`. */
  version?: string;
  /** `unimportant`, `low`, `medium`, `high` from the parenthesised part. */
  urgency?: string;
  bugs: number[];
  /** The rest of the parenthesised part, e.g. "Minor issue". */
  note?: string;
}

/** One `data/CVE/list` entry. */
export interface CveEntry {
  id: string;
  /** Debian's `(…)` header: the start of the CVE description, cut with "...". */
  description?: string;
  /** Debian's `[…]` header: the team's own short title when there is no CVE text yet. */
  summary?: string;
  /** `{DSA-5514-1 DLA-3611-1}` cross references. */
  xrefs: string[];
  packages: PackageLine[];
  notes: string[];
  rejected: boolean;
}

/** One `data/DSA/list` or `data/DLA/list` entry. */
export interface AdvisoryEntry {
  id: string;
  /** ISO date from `[03 Oct 2023]`. */
  date?: string;
  /** "glibc - security update" */
  title?: string;
  cves: string[];
  packages: PackageLine[];
}

export function isDebianKind(kind: string): kind is DebianKind {
  return (DEBIAN_KINDS as readonly string[]).includes(kind);
}

/** Debian urgency → rating. `**` / `*` marks mean "taken from NVD" / "guessed"; the level is the same. */
export function urgencyRating(urgency: string | undefined): SeverityRating | undefined {
  switch (urgency?.replace(/\*+$/, '')) {
    case 'unimportant':
      return 'negligible';
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    default:
      // "not yet assigned", "end-of-life" and anything new: no rating from Debian.
      return undefined;
  }
}

/** What a package line says about its release, in the normalized vocabulary. */
export function lineStatus(line: PackageLine): { status: AffectedStatus; fixedVersion?: string; note?: string } {
  const labelled = (label: string) => (line.note ? `${label}: ${line.note}` : label);
  switch (line.kind) {
    case 'fixed':
      // The tracker writes `0` for "never affected" in its JSON export; a list line may too.
      return line.version === '0'
        ? { status: 'not_affected', note: line.note }
        : { status: 'fixed', fixedVersion: line.version, note: line.note };
    case 'unfixed':
      return { status: 'no_fix_yet', note: line.note };
    case 'no-dsa':
      return { status: 'no_fix_yet', note: labelled('no-dsa') };
    case 'postponed':
      return { status: 'no_fix_yet', note: labelled('postponed') };
    case 'ignored':
      return { status: 'will_not_fix', note: labelled('ignored') };
    case 'not-affected':
      return { status: 'not_affected', note: line.note };
    case 'end-of-life':
      return { status: 'end_of_life', note: line.note };
    case 'removed':
      // Gone from the archive: an installed copy stays vulnerable and no fix will come.
      return { status: 'end_of_life', note: labelled('removed') };
    case 'undetermined':
    case 'itp':
      return { status: 'unknown', note: line.note };
  }
}
