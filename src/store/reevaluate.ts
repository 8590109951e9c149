/**
 * Re-evaluation: every stored snapshot is matched again against the advisory database as
 * it is now (after `db import` or `db rollback`), without its tarball. What changed since
 * its last evaluation — new findings, resolved ones, a different band, status or fixed
 * version — is kept as a change set, and the stored findings become the new ones.
 *
 * Matching runs outside any transaction; each image's diff and write is one short
 * BEGIN IMMEDIATE transaction, so a scan running meanwhile waits milliseconds, not the
 * whole run. An image rescanned or removed meanwhile is left to that scan.
 */
import { readBundleMeta } from '../db/bundle-meta.js';
import { openAdvisoryDb, type AdvisoryDb } from '../db/open.js';
import { matchSbom } from '../match/index.js';
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/model.js';
import { summarize, writeChangeSet, type ImageChange } from './changes.js';
import {
  countStored,
  deltaCounts,
  diffFindings,
  findingKey,
  toStoredFindings,
  type StoredFinding,
} from './findings.js';
import { imageLabel, listStoredImages, loadSbom, type StoredImage } from './images.js';
import { writeTransaction, type SnapshotDb } from './open.js';
import { insertFindings } from './save.js';

export interface ReevaluateOptions {
  /** What caused the run, kept with its change sets: `db import`, `db rollback`, `scan`. */
  trigger: string;
  now?: Date;
  /** Only these stored images (default: all). */
  imageIds?: number[];
  /**
   * Called with each image's new findings once they are stored: the policy results are
   * recorded there (src/policy/stored.ts). A failure is that image's, reported in `failed`.
   */
  afterMatch?: (image: StoredImage, sbom: Sbom, findings: Finding[]) => Promise<void>;
}

export interface Reevaluation {
  /** 0 when nothing was stored (no run is recorded then). */
  evaluationId: number;
  at: string;
  /** The advisory bundle sequence evaluated against (absent for a locally built database). */
  sequence?: number;
  /** Images re-evaluated. */
  images: number;
  /** One per image whose findings changed, in the store's listing order. */
  changes: ImageChange[];
  /** Images that could not be re-evaluated (an unreadable snapshot); their findings stay as they were. */
  failed: { label: string; reason: string }[];
  /** Why policy results were not recomputed (a bad policy file); the findings were. */
  policyWarning?: string;
}

export async function reevaluateAll(
  store: SnapshotDb,
  advisoryDbFile: string,
  options: ReevaluateOptions = { trigger: 'manual' },
): Promise<Reevaluation> {
  const at = (options.now ?? new Date()).toISOString();
  const advisory = await openAdvisoryDb(advisoryDbFile, { readonly: true });
  try {
    const sequence = (await readBundleMeta(advisory, advisoryDbFile))?.sequence;
    const images = await listStoredImages(store, options.imageIds);
    if (images.length === 0)
      return {
        evaluationId: 0,
        at,
        ...(sequence !== undefined ? { sequence } : {}),
        images: 0,
        changes: [],
        failed: [],
      };
    const evaluationId = await writeTransaction(store, async (trx) =>
      Number(
        (
          await trx
            .insertInto('evaluation')
            .values({ at, trigger: options.trigger, sequence: sequence ?? null, images: images.length, changed: 0 })
            .executeTakeFirstOrThrow()
        ).insertId,
      ),
    );
    const changes: ImageChange[] = [];
    const failed: Reevaluation['failed'] = [];
    for (const image of images) {
      let sbom: Sbom;
      try {
        sbom = await loadSbom(store, image.id);
      } catch (err) {
        // One damaged snapshot must not keep the others from meeting the new advisories.
        failed.push({ label: imageLabel(image), reason: (err as Error).message });
        continue;
      }
      const findings = await matchSnapshot(advisory, sbom);
      const change = await applyFindings(store, image, toStoredFindings(findings), {
        evaluationId,
        at,
        trigger: options.trigger,
        sequence,
      });
      if (change) changes.push(change);
      try {
        await options.afterMatch?.(image, sbom, findings);
      } catch (err) {
        failed.push({ label: imageLabel(image), reason: `policies not evaluated: ${(err as Error).message}` });
      }
    }
    await store.updateTable('evaluation').set({ changed: changes.length }).where('id', '=', evaluationId).execute();
    return {
      evaluationId,
      at,
      ...(sequence !== undefined ? { sequence } : {}),
      images: images.length,
      changes,
      failed,
    };
  } finally {
    await advisory.destroy();
  }
}

function matchSnapshot(advisory: AdvisoryDb, sbom: Sbom): Promise<Finding[]> {
  return matchSbom(sbom, advisory);
}

interface RunFacts {
  evaluationId: number;
  at: string;
  trigger: string;
  sequence?: number;
}

async function applyFindings(
  store: SnapshotDb,
  image: StoredImage,
  after: StoredFinding[],
  run: RunFacts,
): Promise<ImageChange | undefined> {
  return writeTransaction(store, async (trx) => {
    const current = await trx
      .selectFrom('image')
      .select(['scanned_at', 'evaluated_sequence'])
      .where('id', '=', image.id)
      .executeTakeFirst();
    if (!current || current.scanned_at !== image.scannedAt) return undefined;
    const rows = await trx.selectFrom('finding').selectAll().where('image_id', '=', image.id).execute();
    const before: StoredFinding[] = rows.map((r) => ({
      vulnId: r.vuln_id,
      purl: r.purl,
      packageName: r.package_name,
      packageVersion: r.package_version,
      groupKey: r.group_key,
      status: r.status as StoredFinding['status'],
      band: r.band as StoredFinding['band'],
      ...(r.fixed_version ? { fixedVersion: r.fixed_version } : {}),
    }));
    const findings = diffFindings(before, after);
    await trx
      .updateTable('image')
      .set({ evaluated_at: run.at, evaluated_sequence: run.sequence ?? null })
      .where('id', '=', image.id)
      .execute();
    if (findings.length === 0) return undefined;
    const countsBefore = countStored(before);
    const countsAfter = countStored(after);
    const label = imageLabel(image);
    const fromSequence = current.evaluated_sequence ?? undefined;
    const changeSetId = await writeChangeSet(
      trx,
      {
        evaluationId: run.evaluationId,
        imageId: image.id,
        label,
        fromSequence,
        toSequence: run.sequence,
        countsBefore,
        countsAfter,
      },
      findings,
    );
    // Replace only what differs: most findings of most images survive an import unchanged.
    const gone = findings.filter((c) => c.kind !== 'new');
    for (const c of gone)
      await trx
        .deleteFrom('finding')
        .where('image_id', '=', image.id)
        .where('vuln_id', '=', c.vulnId)
        .where('purl', '=', c.purl)
        .execute();
    const fresh = new Set(findings.filter((c) => c.kind !== 'resolved').map(findingKey));
    await insertFindings(
      trx,
      image.id,
      after.filter((f) => fresh.has(findingKey(f))),
    );
    return {
      changeSetId,
      evaluationId: run.evaluationId,
      at: run.at,
      trigger: run.trigger,
      image: { id: image.id, label },
      ...(fromSequence !== undefined ? { fromSequence } : {}),
      ...(run.sequence !== undefined ? { toSequence: run.sequence } : {}),
      countsBefore,
      countsAfter,
      delta: deltaCounts(countsBefore, countsAfter),
      summary: summarize(findings),
      findings,
    };
  });
}
