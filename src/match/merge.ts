/**
 * The verdict of a group of hits on one package. When any record has a fix for the
 * installed version the finding is fixed, at the highest version any of them names (the
 * one that fixes every id of the group); otherwise the key's own record speaks.
 */
import { comparatorIn, type Hit } from './row-verdict.js';
import type { HitGroup } from './group.js';
import type { FindingStatus } from './types.js';

export interface GroupVerdict {
  status: FindingStatus;
  fixedVersion?: string;
  /** The hit whose record the finding shows (source, note, fixedBy, the distro's rating). */
  primary: Hit;
}

export function groupVerdict(group: HitGroup): GroupVerdict {
  const fixed = group.hits.filter((h) => h.status === 'fixed' && h.fixedVersion);
  if (fixed.length > 0) {
    const cmp = comparatorIn(fixed[0].row.namespace);
    const primary = fixed.reduce((best, h) => (cmp.compare(h.fixedVersion!, best.fixedVersion!) > 0 ? h : best));
    return { status: 'fixed', fixedVersion: primary.fixedVersion, primary };
  }
  const primary = group.hits.find((h) => h.row.vulnId === group.key) ?? group.hits[0];
  return { status: primary.status, primary };
}
