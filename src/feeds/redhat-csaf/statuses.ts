/** `product_status` of one CSAF vulnerability to affected packages; the mapping is in normalize.ts. */
import type { AffectedPackage, AffectedStatus, SeverityRating } from '../../advisories/model.js';
import { isObject, list, text, type JsonObject } from '../common/values.js';
import type { ProductRef } from './product-tree.js';
import { rowNote } from './row-note.js';

export interface ImpactRatings {
  overall?: SeverityRating;
  byProduct: Map<string, SeverityRating>;
}

interface Group {
  ref: ProductRef;
  fixedEvrs: Set<string>;
  fixedBy?: string;
  open: AffectedStatus[];
  notAffected: boolean;
  severity?: SeverityRating;
}

const OPEN_ORDER: AffectedStatus[] = ['will_not_fix', 'end_of_life', 'no_fix_yet', 'unknown'];

export function affectedFromStatuses(
  vuln: JsonObject,
  products: Map<string, ProductRef>,
  advisoryId: string | undefined,
  impacts: ImpactRatings,
): AffectedPackage[] {
  const status = isObject(vuln.product_status) ? vuln.product_status : {};
  const remediations = remediationsByProduct(vuln);
  const groups = new Map<string, Group>();
  const groupFor = (productId: string): Group | undefined => {
    const ref = products.get(productId);
    if (!ref) return undefined; // not a RHEL package stream
    const key = [
      ref.platform.namespace,
      ref.component.name,
      ref.platform.stream ?? '',
      ref.component.module ?? '',
    ].join('\u0000');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ref, fixedEvrs: new Set(), open: [], notAffected: false }));
    group.severity ??= impacts.byProduct.get(productId);
    return group;
  };

  for (const id of ids(status.fixed)) {
    const group = groupFor(id);
    const evr = products.get(id)?.component.evr;
    if (!group || !evr) continue;
    group.fixedEvrs.add(evr);
    group.fixedBy ??= advisoryId ?? advisoryInUrl(remediations.get(id));
  }
  for (const id of ids(status.known_affected)) groupFor(id)?.open.push(openStatus(remediations.get(id)));
  for (const id of ids(status.under_investigation)) groupFor(id)?.open.push('unknown');
  for (const id of ids(status.known_not_affected)) {
    const group = groupFor(id);
    if (group) group.notAffected = true;
  }

  return [...groups.values()].flatMap((group) => toPackages(group, impacts.overall));
}

function toPackages(group: Group, overall: SeverityRating | undefined): AffectedPackage[] {
  const { platform, component } = group.ref;
  const note = rowNote({ stream: platform.stream, module: component.module });
  const base = (status: AffectedStatus): AffectedPackage => {
    const pkg: AffectedPackage = {
      namespace: platform.namespace,
      package: component.name,
      status,
      ranges: [],
      versions: [],
    };
    if (note) pkg.note = note;
    if (platform.stream) pkg.stream = platform.stream;
    if (component.module) pkg.module = component.module;
    const severity = group.severity ?? overall;
    if (severity && status !== 'not_affected') pkg.severity = severity;
    return pkg;
  };
  if (group.fixedEvrs.size > 0) {
    return [...group.fixedEvrs].map((evr) => ({
      ...base('fixed'),
      fixedVersion: evr,
      ...(group.fixedBy ? { fixedBy: group.fixedBy } : {}),
    }));
  }
  if (group.open.length > 0) return [base(OPEN_ORDER.find((s) => group.open.includes(s)) ?? 'no_fix_yet')];
  return group.notAffected ? [base('not_affected')] : [];
}

function ids(value: unknown): string[] {
  return list(value, 'product_status').filter((id): id is string => typeof id === 'string');
}

/** known_affected remediation → status: Red Hat writes "Will not fix" or "Out of support scope". */
function openStatus(remediation: JsonObject | undefined): AffectedStatus {
  if (remediation?.category !== 'no_fix_planned') return 'no_fix_yet';
  return /out of support scope/i.test(text(remediation.details) ?? '') ? 'end_of_life' : 'will_not_fix';
}

function remediationsByProduct(vuln: JsonObject): Map<string, JsonObject> {
  const byProduct = new Map<string, JsonObject>();
  for (const remediation of list(vuln.remediations, 'remediations')) {
    if (!isObject(remediation) || remediation.category === 'workaround') continue;
    for (const id of list(remediation.product_ids, 'remediations.product_ids')) {
      if (typeof id === 'string' && !byProduct.has(id)) byProduct.set(id, remediation);
    }
  }
  return byProduct;
}

/** VEX files name the fixing RHSA only in the product's vendor_fix remediation URL. */
function advisoryInUrl(remediation: JsonObject | undefined): string | undefined {
  if (remediation?.category !== 'vendor_fix') return undefined;
  return /\b(RH[SBE]A-\d{4}:\d+)\b/.exec(text(remediation.url) ?? '')?.[1];
}
