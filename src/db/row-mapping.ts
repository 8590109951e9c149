/**
 * From normalized feed records to table rows, and the merge rules for the
 * vulnerability row that several sources share.
 *
 * Description preference (documented choice): a distro's or advisory
 * database's own text (Debian, Alpine, GHSA, OSV, Red Hat) beats the NVD /
 * CVE-record text, which is used only when nothing better exists; a truncated
 * text (Debian's list headers end in "...") is used only when nothing else
 * exists. Among equals the first source in import order wins. Summary: first
 * seen. Published: earliest. Modified: latest. Withdrawn: first seen.
 */
import type { Insertable } from 'kysely';
import type { Advisory, EolRelease, EpssScore, KevEntry } from '../advisories/model.js';
import type { AffectedTable, EolTable, EpssTable, KevTable, SeverityTable, VulnerabilityTable } from './schema.js';

/** Sources whose text is the CVE record's own (NVD, CVE JSON 5 / vulnrichment): the fallback. */
const CVE_RECORD_SOURCE = /^(nvd|cve|vulnrichment|cisa-vulnrichment)/i;

export function descriptionRank(source: string, description: string | undefined): number {
  if (!description || description.trim() === '') return 0;
  if (/(\.\.\.|…)\s*$/.test(description)) return 0;
  return CVE_RECORD_SOURCE.test(source) ? 1 : 2;
}

export function vulnerabilityRow(advisory: Advisory): Insertable<VulnerabilityTable> {
  return {
    id: advisory.id,
    summary: advisory.summary || null,
    description: advisory.description || null,
    description_rank: descriptionRank(advisory.source, advisory.description),
    published: advisory.published || null,
    modified: advisory.modified || null,
    withdrawn: advisory.withdrawn || null,
  };
}

export function affectedRows(advisory: Advisory): Insertable<AffectedTable>[] {
  return advisory.affected.map((a) => ({
    vuln_id: advisory.id,
    source: advisory.source,
    namespace: a.namespace,
    package: a.package,
    status: a.status,
    fixed_version: a.fixedVersion ?? null,
    ranges: JSON.stringify(a.ranges ?? []),
    versions: JSON.stringify(a.versions ?? []),
    note: a.note ?? null,
    stream: a.stream ?? null,
    module: a.module ?? null,
    fixed_by: a.fixedBy ?? null,
    severity: a.severity ?? null,
  }));
}

export function severityRows(advisory: Advisory): Insertable<SeverityTable>[] {
  return advisory.severities.map((s) => ({
    vuln_id: advisory.id,
    source: s.source,
    cvss_version: s.cvssVersion ?? '',
    rating: s.rating ?? null,
    vector: s.vector ?? null,
    score: s.score ?? null,
  }));
}

export function aliasRows(advisory: Advisory): { vuln_id: string; alias: string }[] {
  const unique = new Set(advisory.aliases.filter((alias) => alias && alias !== advisory.id));
  return [...unique].map((alias) => ({ vuln_id: advisory.id, alias }));
}

export function referenceRows(advisory: Advisory): { vuln_id: string; url: string }[] {
  return [...new Set(advisory.references.filter(Boolean))].map((url) => ({ vuln_id: advisory.id, url }));
}

export function kevRow(entry: KevEntry): Insertable<KevTable> {
  return {
    cve: entry.cve,
    vendor: entry.vendor,
    product: entry.product,
    name: entry.name,
    date_added: entry.dateAdded,
    due_date: entry.dueDate ?? null,
    required_action: entry.requiredAction ?? null,
    known_ransomware: entry.knownRansomwareCampaignUse ?? null,
  };
}

export function eolRow(release: EolRelease): Insertable<EolTable> {
  return {
    product: release.product,
    release: release.release,
    codename: release.codename ?? null,
    release_date: release.releaseDate ?? null,
    eol_date: release.eolDate ?? null,
    is_eol: release.isEol === undefined ? null : release.isEol ? 1 : 0,
  };
}

export function epssRow(score: EpssScore): Insertable<EpssTable> {
  return { cve: score.cve, epss: score.epss, percentile: score.percentile, date: score.date ?? null, model: score.model ?? null };
}
