/**
 * One entry of Photon OS's per-release CVE list (`cve_data_photon4.0.json`) to an advisory
 * row in `photon:<release>`, by the package Photon names (its rpm's name). Photon's states:
 * "Fixed" at `res_ver`; "Not Affected"; anything else ("Vulnerable", "Affected",
 * "Under Investigation") is affected with no fix yet, and "Won't Fix" will not be fixed.
 * A "Fixed" entry with no version (`NA`) cannot be placed against an installed version
 * and gives no row. Ids are Photon's own (mostly CVE ids, some BDSA-…).
 */
import type { Advisory, AffectedPackage, AffectedStatus, SeverityRecord } from '../../advisories/model.js';
import { RecordError, isObject } from '../common/values.js';

function version(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || /^n\/?a$/i.test(text) ? undefined : text;
}

function statusOf(label: string): AffectedStatus {
  const value = label.trim().toLowerCase();
  if (value === 'fixed') return 'fixed';
  if (value === 'not affected') return 'not_affected';
  if (/won'?t fix|will not fix/.test(value)) return 'will_not_fix';
  if (/investigat/.test(value)) return 'unknown';
  return 'no_fix_yet';
}

/** The advisory for one entry, or undefined when the entry makes no claim (fixed at no version). */
export function normalizePhotonEntry(entry: unknown, release: string): Advisory | undefined {
  if (!isObject(entry)) throw new RecordError('entry is not an object');
  const id = typeof entry.cve_id === 'string' ? entry.cve_id.trim() : '';
  const pkg = typeof entry.pkg === 'string' ? entry.pkg.trim() : '';
  if (!id || !pkg) throw new RecordError('entry has no cve_id or pkg');
  const status = statusOf(typeof entry.status === 'string' ? entry.status : '');
  const fixed = version(entry.res_ver);
  if (status === 'fixed' && !fixed) return undefined;
  const row: AffectedPackage = { namespace: `photon:${release}`, package: pkg, status, ranges: [], versions: [] };
  if (fixed && status !== 'not_affected') row.fixedVersion = fixed;
  return {
    id,
    source: 'photon-cve',
    aliases: [],
    references: [],
    severities: severityOf(entry.cve_score),
    affected: [row],
  };
}

/** Photon gives a CVSS base score without its vector: rated by CVSS v3's bands. */
function severityOf(score: unknown): SeverityRecord[] {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) return [];
  const rating = score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : undefined;
  return rating ? [{ source: 'photon', rating, score }] : [];
}

/** `cve_data_photon4.0.json` → `4.0`. */
export function releaseOfFileName(name: string): string | undefined {
  return /cve_data_photon(\d+\.\d+)\.json(\.gz)?$/i.exec(name)?.[1];
}
