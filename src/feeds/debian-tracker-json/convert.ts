/**
 * The tracker's JSON export (`/tracker/data/json`):
 *   { <source package>: { <CVE or TEMP id>: { description, scope, debianbug,
 *       releases: { <codename>: { status, fixed_version, urgency, nodsa, nodsa_reason, repositories } } } } }
 * Unlike the list files, the tracker has already worked out every release's
 * state, so each release maps directly to one affected row.
 */
import type { Advisory, AffectedPackage, FeedContext } from '../../advisories/model.js';
import { debianNamespace } from '../debian-lists/releases.js';
import { urgencyRating } from '../debian-lists/tracker-entry.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** One release's state, or why it cannot be read. */
export function releaseRow(pkg: string, codename: string, release: unknown): AffectedPackage | string {
  if (!isObject(release)) return `release ${codename} is not an object`;
  const urgency = text(release.urgency);
  const severity = urgencyRating(urgency);
  const base = {
    namespace: debianNamespace(codename),
    package: pkg,
    ranges: [],
    versions: [],
    ...(severity ? { severity } : {}),
  };
  const labelled = (label: string, why: string | undefined) => (why ? `${label}: ${why}` : label);
  switch (release.status) {
    case 'resolved': {
      const fixed = text(release.fixed_version);
      if (!fixed) return `release ${codename} is resolved without a fixed_version`;
      // "0": the version in the archive was never affected.
      return fixed === '0' ? { ...base, status: 'not_affected' } : { ...base, status: 'fixed', fixedVersion: fixed };
    }
    case 'open': {
      if (urgency === 'end-of-life') return { ...base, status: 'end_of_life' };
      const reason = text(release.nodsa_reason);
      const nodsa = text(release.nodsa);
      if (reason === 'ignored') return { ...base, status: 'will_not_fix', note: labelled('ignored', nodsa) };
      if (reason === 'postponed') return { ...base, status: 'no_fix_yet', note: labelled('postponed', nodsa) };
      if (nodsa) return { ...base, status: 'no_fix_yet', note: labelled('no-dsa', nodsa) };
      return { ...base, status: 'no_fix_yet' };
    }
    case 'undetermined':
      return { ...base, status: 'unknown' };
    default:
      return `release ${codename} has unknown status ${JSON.stringify(release.status)}`;
  }
}

/** All advisories in the export, one per id with the rows of every package it touches. */
export function trackerJsonAdvisories(data: unknown, file: string, ctx: FeedContext, source: string): Advisory[] {
  if (!isObject(data)) {
    ctx.warn({ file, message: 'top level is not a JSON object; skipped' });
    return [];
  }
  const byId = new Map<string, Advisory>();
  for (const [pkg, issues] of Object.entries(data)) {
    if (!isObject(issues)) {
      ctx.warn({ file, message: `package ${pkg}: not an object of issues; skipped` });
      continue;
    }
    for (const [id, issue] of Object.entries(issues)) {
      if (!isObject(issue) || !isObject(issue.releases)) {
        const got = isObject(issue) ? JSON.stringify(issue.releases) : JSON.stringify(issue);
        ctx.warn({ file, message: `${pkg} ${id}: "releases" is ${got}, not an object of releases; skipped` });
        continue;
      }
      const rows: AffectedPackage[] = [];
      for (const [codename, release] of Object.entries(issue.releases)) {
        const row = releaseRow(pkg, codename, release);
        if (typeof row === 'string') ctx.warn({ file, message: `${pkg} ${id}: ${row}; skipped` });
        else rows.push(row);
      }
      if (rows.length === 0) continue;
      const advisory = byId.get(id) ?? newAdvisory(id, issue, source);
      byId.set(id, advisory);
      for (const row of rows) advisory.affected.push(row);
      if (typeof issue.debianbug === 'number') advisory.references.push(`https://bugs.debian.org/${issue.debianbug}`);
    }
  }
  return [...byId.values()].map((a) => ({ ...a, references: [...new Set(a.references)] }));
}

function newAdvisory(id: string, issue: Json, source: string): Advisory {
  return {
    id,
    source,
    aliases: [],
    description: text(issue.description),
    references: [`https://security-tracker.debian.org/tracker/${id}`],
    severities: [],
    affected: [],
  };
}
