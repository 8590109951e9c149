/**
 * `airlock base add`: each tarball is analysed and stored like `airlock scan` stores it
 * (snapshot, findings against the installed database), then filed in the catalog under
 * repository:tag; an image already stored is filed as it is. Without an installed
 * database the snapshot is stored without findings and gets them at the next `db import`
 * (quickview and recommendations match it on the fly meanwhile).
 */
import { existsSync } from 'node:fs';
import { statePaths } from '../../config/paths.js';
import { InputError, UserError } from '../../errors.js';
import type { Finding } from '../../match/types.js';
import type { SeverityCounts } from '../../findings/model.js';
import { resolveSbom, type ResolveOptions } from '../input.js';
import { matchSbomWithDatabase } from '../match.js';
import { listStoredImages } from '../../store/images.js';
import { openSnapshotStore } from '../../store/open.js';
import { imageKeyOf, isStorableName, saveSnapshot } from '../../store/save.js';
import { addCatalogEntry } from '../../base/catalog.js';
import { parseRepoTag, repoTagName } from '../../base/reference.js';

export interface AddBaseOptions extends ResolveOptions {
  /** `--name repository:tag`; defaults to the archive's RepoTags / OCI ref name. Only with one input. */
  name?: string;
  /** The installed advisory database by default. */
  dbFile?: string;
}

export interface AddedBase {
  input: string;
  name: string;
  digest: string;
  created?: string;
  layers: number;
  os?: string;
  /** Counts of its stored findings (all zero until a database has evaluated it). */
  counts: SeverityCounts;
  /** `stored` when this added the snapshot, `existing` when the image was stored already. */
  snapshot: 'stored' | 'existing';
}

export interface AddBaseResult {
  added: AddedBase[];
  notices: string[];
}

export async function addBaseImages(inputs: string[], options: AddBaseOptions = {}): Promise<AddBaseResult> {
  if (options.name !== undefined && inputs.length > 1)
    throw new UserError('--name names one image, but several were given', {
      hint: 'add them one at a time, or let each archive name itself',
    });
  const chosen = options.name !== undefined ? parseRepoTag(options.name) : undefined;
  const now = options.now ?? new Date();
  const storeFile = options.storeFile ?? statePaths().snapshotDb;
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  const haveDb = existsSync(dbFile);
  const notices = haveDb
    ? []
    : [
        `no advisory database at ${dbFile}: the base images are stored without findings and evaluated at the next airlock db import`,
      ];
  const added: AddedBase[] = [];
  for (const input of inputs) {
    const resolved = await resolveSbom(input, { ...options, storeFile, now });
    const { sbom } = resolved;
    // A stored image added by one of its names is filed under that name.
    const named = chosen ?? defaultName(input, resolved.stored?.names.includes(input) ? [input] : sbom.image.names);
    const diffIds = sbom.image.layers.map((l) => l.diffId);
    if (diffIds.length === 0)
      throw new InputError(
        input,
        'names no layers (diff_ids): a base image must be an image archive, or a stored image read from one',
      );
    notices.push(...resolved.notices);
    let findings: Finding[] = [];
    let sequence: number | undefined;
    if (resolved.origin !== 'stored' && haveDb)
      ({
        findings,
        database: { sequence },
      } = await matchSbomWithDatabase(sbom, dbFile, now));
    const store = await openSnapshotStore(storeFile);
    try {
      let imageId: number;
      let snapshot: AddedBase['snapshot'];
      if (resolved.origin === 'stored') {
        imageId = resolved.stored!.id;
        snapshot = 'existing';
      } else {
        const before = await store
          .selectFrom('image')
          .select('id')
          .where('image_key', '=', imageKeyOf(sbom))
          .executeTakeFirst();
        const saved = await saveSnapshot(store, {
          sbom,
          origin: resolved.origin,
          names: [repoTagName(named)],
          findings,
          sequence,
          now,
        });
        imageId = saved.id;
        snapshot = before ? 'existing' : 'stored';
      }
      // A snapshot the catalog stored stays the catalog's under every name it gets.
      const owned =
        snapshot === 'stored' ||
        (await store
          .selectFrom('base_image')
          .select('image_id')
          .where('image_id', '=', imageId)
          .where('snapshot_added', '=', 1)
          .executeTakeFirst()) !== undefined;
      await addCatalogEntry(store, {
        ...named,
        imageId,
        created: sbom.image.created,
        diffIds,
        snapshotAdded: owned,
        now,
      });
      const [image] = await listStoredImages(store, [imageId]);
      added.push({
        input,
        name: repoTagName(named),
        digest: image.key,
        ...(sbom.image.created ? { created: sbom.image.created } : {}),
        layers: diffIds.length,
        ...(image.os ? { os: image.os } : {}),
        counts: image.counts,
        snapshot,
      });
    } finally {
      await store.destroy();
    }
  }
  return { added, notices };
}

function defaultName(input: string, names: string[]) {
  const name = names.find(isStorableName);
  if (!name)
    throw new UserError(`${input} names no repository:tag of its own`, {
      hint: 'pass --name, e.g. --name debian:bookworm-slim',
    });
  return parseRepoTag(name, input);
}
