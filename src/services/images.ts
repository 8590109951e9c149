/**
 * `airlock images`, `images rm`, `images changes`, and the re-evaluation `db import` and
 * `db rollback` run afterwards. A state directory without a store has no images, and
 * reading one never creates it.
 */
import { existsSync } from 'node:fs';
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/model.js';
import { statePaths } from '../config/paths.js';
import { UserError } from '../errors.js';
import { listChanges, type ImageChange } from '../store/changes.js';
import {
  findOneStoredImage,
  listStoredImages,
  loadSbom,
  removeStoredImage,
  type StoredImage,
} from '../store/images.js';
import { openAdvisoryDb } from '../db/open.js';
import { coverageOf, type CoverageEntry } from '../match/coverage.js';
import type { EndOfLife } from '../match/end-of-life.js';
import { openSnapshotStore, type SnapshotDb } from '../store/open.js';
import { reevaluateAll, type Reevaluation } from '../store/reevaluate.js';
import { loadPolicyContext, storePolicyState, type PolicyContext } from '../policy/stored.js';
import { readPolicyStates } from '../store/policy-state.js';

export interface StoreOptions {
  /** Defaults to `statePaths().snapshotDb`. */
  storeFile?: string;
}

async function withStore<T>(options: StoreOptions, empty: T, body: (db: SnapshotDb) => Promise<T>): Promise<T> {
  const file = options.storeFile ?? statePaths().snapshotDb;
  if (!existsSync(file)) return empty;
  const db = await openSnapshotStore(file);
  try {
    return await body(db);
  } finally {
    await db.destroy();
  }
}

export interface ListedImage extends StoredImage {
  /** Per package source: the namespace matched against and whether the installed database has data for it. */
  coverage?: CoverageEntry[];
  endOfLife?: EndOfLife;
}

/**
 * The stored images; with an installed advisory database, each with its coverage against
 * it, so an image whose release the database has no data for is not listed as clean.
 */
export function listImages(options: StoreOptions & { dbFile?: string; now?: Date } = {}): Promise<ListedImage[]> {
  return withStore(options, [], async (db) => {
    const states = await readPolicyStates(db);
    const images = (await listStoredImages(db)).map((i) => (states.has(i.id) ? { ...i, policy: states.get(i.id) } : i));
    const dbFile = options.dbFile ?? statePaths().advisoryDb;
    if (images.length === 0 || !existsSync(dbFile)) return images;
    const advisory = await openAdvisoryDb(dbFile, { readonly: true });
    try {
      const listed: ListedImage[] = [];
      for (const image of images) {
        const coverage = await coverageOf(await loadSbom(db, image.id), advisory, options.now ?? new Date());
        listed.push({
          ...image,
          coverage: coverage.entries,
          ...(coverage.endOfLife ? { endOfLife: coverage.endOfLife } : {}),
        });
      }
      return listed;
    } finally {
      await advisory.destroy();
    }
  });
}

/** Removes the one image `ref` names (a name or digest prefix), with its findings and change sets. */
export async function removeImage(ref: string, options: StoreOptions = {}): Promise<StoredImage> {
  const removed = await withStore<StoredImage | undefined>(options, undefined, async (db) => {
    const image = await findOneStoredImage(db, ref);
    await removeStoredImage(db, image.id);
    return image;
  });
  if (!removed) throw nothingStored(ref);
  return removed;
}

const nothingStored = (ref: string) =>
  new UserError(`no stored image named ${ref}`, {
    hint: 'no image is stored yet: airlock scan IMAGE --name NAME stores one',
  });

/** Change sets, newest first: of the image `ref` names, or of every image. */
export async function imageChanges(
  ref: string | undefined,
  options: StoreOptions & { limit?: number } = {},
): Promise<ImageChange[]> {
  const changes = await withStore<ImageChange[] | undefined>(options, undefined, async (db) => {
    const image = ref === undefined ? undefined : await findOneStoredImage(db, ref);
    return listChanges(db, image?.id, options.limit);
  });
  if (!changes && ref !== undefined) throw nothingStored(ref);
  return changes ?? [];
}

export interface ReevaluateStoredOptions extends StoreOptions {
  /** Defaults to the installed advisory database. */
  dbFile?: string;
  trigger: string;
  now?: Date;
}

/** Undefined when nothing is stored (a fresh appliance): there is nothing to say. */
export function reevaluateStoredImages(options: ReevaluateStoredOptions): Promise<Reevaluation | undefined> {
  return withStore<Reevaluation | undefined>(options, undefined, async (db) => {
    const now = options.now ?? new Date();
    const { ctx, warning } = await policyContextOrWarning(db);
    const afterMatch = ctx
      ? (image: StoredImage, sbom: Sbom, findings: Finding[]) =>
          storePolicyState(db, image.id, sbom, findings, ctx, now)
      : undefined;
    const result = await reevaluateAll(db, options.dbFile ?? statePaths().advisoryDb, {
      trigger: options.trigger,
      now,
      afterMatch,
    });
    if (result.images === 0) return undefined;
    return warning ? { ...result, policyWarning: warning } : result;
  });
}

/** The policy file, VEX document and catalog; a bad policy file must not stop the findings' re-evaluation. */
export async function policyContextOrWarning(db: SnapshotDb): Promise<{ ctx?: PolicyContext; warning?: string }> {
  try {
    return { ctx: await loadPolicyContext(db) };
  } catch (err) {
    return { warning: `policy results were not updated: ${(err as Error).message}` };
  }
}

/**
 * After `db import` / `db rollback` installed a database: re-evaluate, never throw. The
 * advisory database is already in place and stays; a failure here is reported as a
 * sentence for the command to print, and the stored findings stay as they were.
 */
export async function reevaluateAfterDatabaseChange(
  options: ReevaluateStoredOptions,
): Promise<{ result?: Reevaluation; failure?: string }> {
  try {
    return { result: await reevaluateStoredImages(options) };
  } catch (err) {
    const hint = err instanceof UserError && err.hint ? ` (${err.hint})` : '';
    return {
      failure: `the advisory database is installed, but the stored images were not re-evaluated: ${(err as Error).message}${hint}; their counts are those of the previous database until the next import`,
    };
  }
}
