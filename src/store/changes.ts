/**
 * Change sets: what one re-evaluation changed for one image, kept so that
 * `airlock images changes` can show it later. Written by reevaluate.ts, read here.
 */
import type { Kysely } from 'kysely';
import type { FindingStatus } from '../match/types.js';
import type { SeverityCounts } from '../findings/model.js';
import type { SeverityBand } from '../severity/index.js';
import { countChanges, deltaCounts, type ChangeAspect, type FindingChange, type FindingState } from './findings.js';
import type { SnapshotDb } from './open.js';
import type { FindingChangeRow, SnapshotSchema } from './schema.js';

export interface ImageChange {
  changeSetId: number;
  evaluationId: number;
  at: string;
  /** `db import`, `db rollback`. */
  trigger: string;
  image: { id: number; label: string };
  /** The advisory sequence the image's findings were computed at before, and now. */
  fromSequence?: number;
  toSequence?: number;
  countsBefore: SeverityCounts;
  countsAfter: SeverityCounts;
  /** after − before, per band. */
  delta: SeverityCounts;
  /** Distinct (vulnerability, package group) per kind. */
  summary: { new: number; resolved: number; changed: number };
  findings: FindingChange[];
}

export function summarize(findings: FindingChange[]): ImageChange['summary'] {
  return {
    new: countChanges(findings, 'new'),
    resolved: countChanges(findings, 'resolved'),
    changed: countChanges(findings, 'changed'),
  };
}

export async function writeChangeSet(
  trx: Kysely<SnapshotSchema>,
  set: {
    evaluationId: number;
    imageId: number;
    label: string;
    fromSequence?: number;
    toSequence?: number;
    countsBefore: SeverityCounts;
    countsAfter: SeverityCounts;
  },
  findings: FindingChange[],
): Promise<number> {
  const inserted = await trx
    .insertInto('change_set')
    .values({
      evaluation_id: set.evaluationId,
      image_id: set.imageId,
      image_label: set.label,
      from_sequence: set.fromSequence ?? null,
      to_sequence: set.toSequence ?? null,
      counts_before: JSON.stringify(set.countsBefore),
      counts_after: JSON.stringify(set.countsAfter),
    })
    .executeTakeFirstOrThrow();
  const id = Number(inserted.insertId);
  const rows: FindingChangeRow[] = findings.map((c) => ({
    change_set_id: id,
    kind: c.kind,
    vuln_id: c.vulnId,
    purl: c.purl,
    package_name: c.packageName,
    package_version: c.packageVersion,
    group_key: c.groupKey,
    before_band: c.before?.band ?? null,
    after_band: c.after?.band ?? null,
    before_status: c.before?.status ?? null,
    after_status: c.after?.status ?? null,
    before_fixed: c.before?.fixedVersion ?? null,
    after_fixed: c.after?.fixedVersion ?? null,
  }));
  for (let i = 0; i < rows.length; i += 60)
    await trx
      .insertInto('finding_change')
      .values(rows.slice(i, i + 60))
      .execute();
  return id;
}

/** Change sets, newest first; of one image when `imageId` is given. */
export async function listChanges(db: SnapshotDb, imageId?: number, limit = 50): Promise<ImageChange[]> {
  let query = db
    .selectFrom('change_set')
    .innerJoin('evaluation', 'evaluation.id', 'change_set.evaluation_id')
    .select([
      'change_set.id',
      'change_set.evaluation_id',
      'change_set.image_id',
      'change_set.image_label',
      'change_set.from_sequence',
      'change_set.to_sequence',
      'change_set.counts_before',
      'change_set.counts_after',
      'evaluation.at',
      'evaluation.trigger',
    ])
    .orderBy('change_set.id', 'desc')
    .limit(limit);
  if (imageId !== undefined) query = query.where('change_set.image_id', '=', imageId);
  const sets = await query.execute();
  const out: ImageChange[] = [];
  for (const s of sets) {
    const rows = await db.selectFrom('finding_change').selectAll().where('change_set_id', '=', s.id).execute();
    const findings = rows.map(toChange);
    const countsBefore = JSON.parse(s.counts_before) as SeverityCounts;
    const countsAfter = JSON.parse(s.counts_after) as SeverityCounts;
    out.push({
      changeSetId: s.id,
      evaluationId: s.evaluation_id,
      at: s.at,
      trigger: s.trigger,
      image: { id: s.image_id, label: s.image_label },
      ...(s.from_sequence !== null ? { fromSequence: s.from_sequence } : {}),
      ...(s.to_sequence !== null ? { toSequence: s.to_sequence } : {}),
      countsBefore,
      countsAfter,
      delta: deltaCounts(countsBefore, countsAfter),
      summary: summarize(findings),
      findings,
    });
  }
  return out;
}

function state(band: string | null, status: string | null, fixed: string | null): FindingState | undefined {
  if (!band || !status) return undefined;
  const s: FindingState = { band: band as SeverityBand, status: status as FindingStatus };
  if (fixed) s.fixedVersion = fixed;
  return s;
}

function toChange(r: FindingChangeRow): FindingChange {
  const change: FindingChange = {
    kind: r.kind as FindingChange['kind'],
    vulnId: r.vuln_id,
    purl: r.purl,
    packageName: r.package_name,
    packageVersion: r.package_version,
    groupKey: r.group_key,
  };
  const before = state(r.before_band, r.before_status, r.before_fixed);
  const after = state(r.after_band, r.after_status, r.after_fixed);
  if (before) change.before = before;
  if (after) change.after = after;
  if (r.kind === 'changed' && before && after) {
    const aspects: ChangeAspect[] = [];
    if (before.band !== after.band) aspects.push('severity');
    if (before.status !== after.status) aspects.push('status');
    if ((before.fixedVersion ?? '') !== (after.fixedVersion ?? '')) aspects.push('fix');
    change.changed = aspects;
  }
  return change;
}
