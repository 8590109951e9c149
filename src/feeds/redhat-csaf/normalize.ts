/**
 * A Red Hat CSAF 2.0 document (an RHSA advisory or a per-CVE VEX file) to one Advisory per
 * `vulnerabilities[]` entry, keyed by CVE like every other source, so Red Hat's verdicts meet
 * NVD/KEV/EPSS data on the same id. The RHSA id becomes an alias and each fixed package's
 * `fixedBy`. One CVE is fixed by several RHSAs, so the same CVE id comes from several files;
 * their `affected` lists add up.
 *
 * Mapping:
 * - product_status.fixed → `fixed` at the component's EVR (one entry per distinct EVR);
 *   known_affected → `no_fix_yet`, or `will_not_fix` when the remediation is `no_fix_planned`
 *   (`end_of_life` when its details say "Out of support scope"); under_investigation →
 *   `unknown`; known_not_affected → `not_affected`.
 * - Per (release, package, stream, module) the statuses are merged: a fix for any arch wins,
 *   then any affected state, then not-affected. Source and binary RPM names are both listed.
 * - threats[impact] (Critical/Important/Moderate/Low → critical/high/medium/low) and
 *   scores[].cvss_v3/cvss_v2 are severities with source `redhat`.
 */
import type { Advisory, SeverityRecord } from '../../advisories/model.js';
import { cvssSeverity, ratingFromLabel, uniqueSeverities } from '../common/cvss.js';
import { normalizeTimestamp } from '../common/dates.js';
import { RecordError, isObject, list, text, unique, type JsonObject } from '../common/values.js';
import type { ProductRef } from './product-tree.js';
import { affectedFromStatuses, type ImpactRatings } from './statuses.js';

export interface CsafDocumentInfo {
  /** RHSA-2024:6163 for advisories; undefined for VEX (its tracking id is the CVE itself). */
  advisoryId?: string;
  modified?: string;
  selfUrl?: string;
}

export function documentInfo(doc: JsonObject): CsafDocumentInfo {
  const document = isObject(doc.document) ? doc.document : {};
  const tracking = isObject(document.tracking) ? document.tracking : {};
  const info: CsafDocumentInfo = {};
  const id = text(tracking.id);
  if (document.category === 'csaf_security_advisory' && id) info.advisoryId = id;
  const modified = normalizeTimestamp(tracking.current_release_date);
  if (modified) info.modified = modified;
  const self = list(document.references, 'document.references').find((ref) => isObject(ref) && ref.category === 'self');
  if (isObject(self) && text(self.url)) info.selfUrl = self.url as string;
  return info;
}

export function normalizeCsafVulnerability(
  vuln: unknown,
  info: CsafDocumentInfo,
  products: Map<string, ProductRef>,
): Advisory {
  if (!isObject(vuln)) throw new RecordError('vulnerability is not an object');
  const cve = text(vuln.cve);
  if (!cve) throw new RecordError('vulnerability has no cve');
  const impacts = impactRatings(vuln);
  const advisory: Advisory = {
    id: cve,
    source: 'redhat-csaf',
    aliases: info.advisoryId ? [info.advisoryId] : [],
    references: unique([
      ...list(vuln.references, 'references').flatMap((ref) =>
        isObject(ref) && text(ref.url) ? [ref.url as string] : [],
      ),
      ...(info.selfUrl ? [info.selfUrl] : []),
    ]),
    severities: severities(vuln, impacts.overall),
    affected: affectedFromStatuses(vuln, products, info.advisoryId, impacts),
  };
  const title = text(vuln.title);
  const description = list(vuln.notes, 'notes').find((note) => isObject(note) && note.category === 'description');
  if (title) advisory.summary = title;
  if (isObject(description) && text(description.text)) advisory.description = description.text as string;
  const published = normalizeTimestamp(vuln.release_date);
  if (published) advisory.published = published;
  if (info.modified) advisory.modified = info.modified;
  return advisory;
}

/** Red Hat's impact; a threat naming products rates those products only. The highest rates the CVE. */
function impactRatings(vuln: JsonObject): ImpactRatings {
  const order = ['low', 'medium', 'high', 'critical'];
  const ratings: ImpactRatings = { byProduct: new Map() };
  for (const threat of list(vuln.threats, 'threats')) {
    if (!isObject(threat) || threat.category !== 'impact') continue;
    const rating = ratingFromLabel(threat.details);
    if (!rating) continue;
    for (const id of list(threat.product_ids, 'threats.product_ids'))
      if (typeof id === 'string') ratings.byProduct.set(id, rating);
    if (ratings.overall === undefined || order.indexOf(rating) > order.indexOf(ratings.overall))
      ratings.overall = rating;
  }
  return ratings;
}

function severities(vuln: JsonObject, impact: SeverityRecord['rating']): SeverityRecord[] {
  const records: SeverityRecord[] = impact ? [{ source: 'redhat', rating: impact }] : [];
  for (const score of list(vuln.scores, 'scores')) {
    if (!isObject(score)) continue;
    for (const key of ['cvss_v3', 'cvss_v2'] as const) {
      const cvss = score[key];
      if (!isObject(cvss) || !text(cvss.vectorString)) continue;
      const record = cvssSeverity('redhat', cvss.vectorString as string, {
        score: cvss.baseScore,
        label: cvss.baseSeverity,
        version: cvss.version,
      });
      if (record) records.push(record);
    }
  }
  return uniqueSeverities(records);
}
