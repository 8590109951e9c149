/**
 * Each stored image's policy results (table policy_state), written by `scan` and by every
 * re-evaluation, read by `airlock images`. Only the verdicts are kept; `airlock policy
 * IMAGE` recomputes the items behind them.
 */
import { writeTransaction, type SnapshotDb } from './open.js';

/** A policy's verdict as the store keeps it (src/policy/model.ts has the full result). */
export interface PolicyVerdict {
  id: string;
  name: string;
  status: 'pass' | 'fail' | 'unknown';
  summary: string;
}

export interface StoredPolicyState {
  evaluatedAt: string;
  policyFile?: string;
  results: PolicyVerdict[];
  passed: number;
  failed: number;
  unknown: number;
}

export async function writePolicyState(
  db: SnapshotDb,
  imageId: number,
  state: { at: string; policyFile?: string; results: PolicyVerdict[] },
): Promise<void> {
  const results = state.results.map(({ id, name, status, summary }) => ({ id, name, status, summary }));
  const row = {
    evaluated_at: state.at,
    policy_file: state.policyFile ?? null,
    results: JSON.stringify(results),
    failed: results.filter((r) => r.status === 'fail').length,
  };
  await writeTransaction(db, async (trx) => {
    // The image may have been removed meanwhile: then there is nothing to record.
    const exists = await trx.selectFrom('image').select('id').where('id', '=', imageId).executeTakeFirst();
    if (!exists) return;
    await trx
      .insertInto('policy_state')
      .values({ image_id: imageId, ...row })
      .onConflict((oc) => oc.column('image_id').doUpdateSet(row))
      .execute();
  });
}

export async function readPolicyStates(db: SnapshotDb): Promise<Map<number, StoredPolicyState>> {
  const rows = await db.selectFrom('policy_state').selectAll().execute();
  const out = new Map<number, StoredPolicyState>();
  for (const r of rows) {
    const results = JSON.parse(r.results) as StoredPolicyState['results'];
    const n = (s: string) => results.filter((x) => x.status === s).length;
    out.set(r.image_id, {
      evaluatedAt: r.evaluated_at,
      ...(r.policy_file ? { policyFile: r.policy_file } : {}),
      results,
      passed: n('pass'),
      failed: n('fail'),
      unknown: n('unknown'),
    });
  }
  return out;
}
