/**
 * What OVAL's rpm version tests say, as advisory rows: the bounds a package test puts on
 * the installed EVR, and the Advisory records (one per CVE, as every source is keyed) that
 * a definition's rows become.
 */
import type { Advisory, AffectedPackage, AffectedStatus, SeverityRating } from '../../advisories/model.js';
import { normalizeTimestamp } from '../common/dates.js';
import { unique } from '../common/values.js';
import type { Conjunction } from './conjunctions.js';
import type { OvalCondition, OvalCriterion, OvalDefinition } from './model.js';

/** `0:1.2-3` → `1.2-3`: rpm reads a missing epoch as 0, and installed versions are spelled without it. */
export function evrVersion(evr: string): string {
  return evr.startsWith('0:') ? evr.slice(2) : evr;
}

export interface PackageBounds {
  name: string;
  /** Versions before this are affected (`evr less than`). */
  fixed?: string;
  /** Versions up to and including this are affected (`evr less than or equal`: no fix yet). */
  lastAffected?: string;
  /** Versions from this on are affected (`evr greater than [or equal]`, in a range). */
  introduced?: string;
}

function upperBound(evr: OvalCondition | undefined): Pick<PackageBounds, 'fixed' | 'lastAffected'> | undefined {
  if (!evr || !evr.value) return undefined;
  if (evr.operation === 'less than') return { fixed: evrVersion(evr.value) };
  if (evr.operation === 'less than or equal') return { lastAffected: evrVersion(evr.value) };
  return undefined;
}

/**
 * The bounds a conjunction puts on one package: its leaf must be an upper-bound EVR test
 * (anything else is a fact, not a row), and a lower-bound test of the same package ANDed
 * with it opens the range.
 */
export function packageBounds(c: Conjunction): PackageBounds | undefined {
  const name = c.leaf.test?.packageName;
  const upper = upperBound(c.leaf.test?.state?.evr);
  if (!name || !upper) return undefined;
  const bounds: PackageBounds = { name, ...upper };
  const lower = c.context.find(
    (o) =>
      o.test?.packageName === name &&
      (o.test.state?.evr?.operation === 'greater than' || o.test.state?.evr?.operation === 'greater than or equal'),
  );
  if (lower?.test?.state?.evr?.value) bounds.introduced = evrVersion(lower.test.state.evr.value);
  return bounds;
}

export function affectedRow(
  namespace: string,
  bounds: PackageBounds,
  extra: { status?: AffectedStatus; note?: string; fixedBy?: string } = {},
): AffectedPackage {
  const row: AffectedPackage = {
    namespace,
    package: bounds.name,
    status: bounds.fixed ? 'fixed' : (extra.status ?? 'no_fix_yet'),
    ranges: [],
    versions: [],
  };
  if (bounds.fixed) row.fixedVersion = bounds.fixed;
  if (bounds.lastAffected || bounds.introduced) {
    const events = [
      { introduced: bounds.introduced ?? '0' },
      bounds.fixed ? { fixed: bounds.fixed } : { last_affected: bounds.lastAffected },
    ];
    row.ranges = [{ type: 'ECOSYSTEM', events }];
  }
  if (extra.note) row.note = extra.note;
  if (extra.fixedBy) row.fixedBy = extra.fixedBy;
  return row;
}

/** Whether a context criterion tests this state field (the release package, `arch`, ksplice …). */
export function stateTest(
  c: OvalCriterion,
  field: 'version' | 'arch' | 'release',
  packageName?: string,
): string | undefined {
  if (packageName !== undefined && c.test?.packageName !== packageName) return undefined;
  return c.test?.state?.[field]?.value;
}

/** The CVE ids a definition is about: the advisory's `<cve>` list, else CVE references. */
export function definitionCves(def: OvalDefinition): string[] {
  const fromAdvisory = def.cves.map((c) => c.id).filter((id) => /^CVE-\d+-\d+$/.test(id));
  if (fromAdvisory.length > 0) return unique(fromAdvisory);
  return unique(
    def.references.map((r) => /CVE-\d+-\d+/.exec(r.refId)?.[0]).filter((id): id is string => id !== undefined),
  );
}

export function ratingOf(label: string | undefined): SeverityRating | undefined {
  const value = label?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'critical') return 'critical';
  if (value === 'important' || value === 'high') return 'high';
  if (value === 'moderate' || value === 'medium') return 'medium';
  if (value === 'low') return 'low';
  return undefined;
}

/**
 * One Advisory per CVE of the definition, all sharing its rows; `advisoryId` (ELSA-…)
 * becomes an alias. Rows are deduplicated: a package is listed once per arch and product.
 */
export function advisoriesOf(
  def: OvalDefinition,
  source: string,
  rows: AffectedPackage[],
  opts: { ids?: string[]; advisoryId?: string; severitySource: string },
): Advisory[] {
  const seen = new Set<string>();
  const affected = rows.filter((row) => {
    const key = JSON.stringify(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rating = ratingOf(def.severity);
  const ids = opts.ids ?? definitionCves(def);
  const published = normalizeTimestamp(def.issued);
  const modified = normalizeTimestamp(def.updated) ?? published;
  return ids.map((id) => {
    const advisory: Advisory = {
      id,
      source,
      aliases: opts.advisoryId && opts.advisoryId !== id ? [opts.advisoryId] : [],
      references: unique(def.references.map((r) => r.refUrl).filter((u): u is string => !!u)),
      severities: rating ? [{ source: opts.severitySource, rating }] : [],
      affected: affected.map((row) => (rating ? { ...row, severity: rating } : row)),
    };
    if (def.title) advisory.summary = def.title;
    if (def.description) advisory.description = def.description;
    if (published) advisory.published = published;
    if (modified) advisory.modified = modified;
    return advisory;
  });
}
