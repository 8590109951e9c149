/**
 * What a finding shows beside its verdict: the selected severity, KEV and EPSS entries,
 * description and references. Looked up once for every id of every group, in batches.
 */
import type { EpssScore, KevEntry, SeverityRecord } from '../advisories/model.js';
import { epssFor, kevFor, severitiesFor } from '../db/queries.js';
import type { AdvisoryDb } from '../db/open.js';
import type { Package } from '../sbom/model.js';
import { preferredRaters, selectSeverity } from '../severity/index.js';
import type { HitGroup } from './group.js';
import type { PackageQuery } from './matcher.js';
import type { GroupVerdict } from './merge.js';
import { vulnerabilityTexts, type VulnText } from './lookups.js';
import type { Finding, PackageRef } from './types.js';

export interface Enrichment {
  severities: Map<string, SeverityRecord[]>;
  kev: Map<string, KevEntry>;
  epss: Map<string, EpssScore>;
  vulns: Map<string, VulnText>;
}

const isCve = (id: string) => id.startsWith('CVE-');

export async function loadEnrichment(db: AdvisoryDb, ids: string[]): Promise<Enrichment> {
  const cves = ids.filter(isCve);
  const [severities, kev, epss, vulns] = await Promise.all([
    severitiesFor(db, ids),
    kevFor(db, cves),
    epssFor(db, cves),
    vulnerabilityTexts(db, ids),
  ]);
  return { severities, kev, epss, vulns };
}

/** The package as findings name it; the source package only when the lookup used one (OS packages). */
export function packageRef(pkg: Package, query: PackageQuery): PackageRef {
  const ref: PackageRef = {
    name: pkg.name,
    version: pkg.version,
    type: pkg.type,
    purl: pkg.purl,
    locations: pkg.locations,
  };
  // A RHEL rebuild looks up the binary first and the source rpm in Red Hat's data after it (`fallback`).
  const queries: PackageQuery[] = [];
  for (let q: PackageQuery | undefined = query; q; q = q.fallback) queries.push(q);
  if (pkg.sourceName && queries.some((q) => q.name === pkg.sourceName) && pkg.sourceName !== pkg.name)
    ref.sourceName = pkg.sourceName;
  if (pkg.sourceVersion && queries.some((q) => q.version === pkg.sourceVersion) && pkg.sourceVersion !== pkg.version)
    ref.sourceVersion = pkg.sourceVersion;
  if (pkg.introducedByLayer) ref.introducedByLayer = pkg.introducedByLayer;
  if (pkg.ownedBy) ref.ownedBy = pkg.ownedBy;
  return ref;
}

/**
 * Everything a finding says but the package: the same for every binary package of one
 * source package (libc6, libc-bin …), so it is built once per group and shared.
 */
export type FindingBody = Omit<Finding, 'package'>;

export function findingBody(group: HitGroup, verdict: GroupVerdict, e: Enrichment): FindingBody {
  const { row } = verdict.primary;
  const ids = [group.key, ...group.aliases];
  const records = ids.flatMap((id) => e.severities.get(id) ?? []);
  // The distro's own per-package urgency lives on the row, not in the severity table.
  for (const hit of group.hits)
    if (hit.row.severity) records.unshift({ source: preferredRaters(hit.row.namespace)[0], rating: hit.row.severity });
  const body: FindingBody = {
    vulnId: group.key,
    aliases: group.aliases,
    status: verdict.status,
    severity: selectSeverity({ namespace: row.namespace, records }),
    references: [...new Set(ids.flatMap((id) => e.vulns.get(id)?.references ?? []))],
    namespace: row.namespace,
    source: row.source,
  };
  if (verdict.fixedVersion) body.fixedVersion = verdict.fixedVersion;
  if (row.fixedBy) body.fixedBy = row.fixedBy;
  if (row.note) body.note = row.note;
  const kev = ids.map((id) => e.kev.get(id)).find(Boolean);
  const epss = ids.map((id) => e.epss.get(id)).find(Boolean);
  if (kev) body.kev = kev;
  if (epss) body.epss = epss;
  const description = ids.map((id) => e.vulns.get(id)?.description).find(Boolean);
  if (description) body.description = description;
  return body;
}

/** The finding of one package: the shared body with the package in its documented place. */
export function toFinding(ref: PackageRef, body: FindingBody): Finding {
  const { vulnId, aliases, ...rest } = body;
  return { vulnId, aliases, package: ref, ...rest };
}
