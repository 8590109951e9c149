/**
 * Reading the store: stored images with their names and current counts, one image by the
 * reference a user types (a name, or a digest prefix), its SBOM, and removal.
 */
import { inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { UserError } from '../errors.js';
import { sameReference } from '../image/reference.js';
import { emptyCounts } from '../findings/counts.js';
import type { SeverityCounts } from '../findings/model.js';
import type { Sbom } from '../sbom/model.js';
import type { SeverityBand } from '../severity/index.js';
import { writeTransaction, type SnapshotDb } from './open.js';
import type { SbomOrigin } from './save.js';
import { staleCatalogers } from './stale.js';
import type { StoredPolicyState } from './policy-state.js';

export interface StoredImage {
  id: number;
  /** Config digest, else manifest digest, else a digest of the package list. */
  key: string;
  names: string[];
  manifestDigest?: string;
  configDigest?: string;
  format: string;
  origin: SbomOrigin;
  source: string;
  /** `debian 12` */
  os?: string;
  platform?: string;
  packages: number;
  scannedAt: string;
  evaluatedAt: string;
  /** The advisory bundle sequence the counts were computed at. */
  evaluatedSequence?: number;
  counts: SeverityCounts;
  /** Catalogers newer in this airlock than in the snapshot (`dpkg 1 → 2`); empty when current. */
  stale: string[];
  /** Its policy results as of the last scan or re-evaluation (`airlock images` only). */
  policy?: StoredPolicyState;
}

const SUMMARY_COLUMNS = [
  'id',
  'image_key',
  'manifest_digest',
  'config_digest',
  'format',
  'origin',
  'source',
  'os_id',
  'os_version',
  'platform',
  'catalogers',
  'package_count',
  'scanned_at',
  'evaluated_at',
  'evaluated_sequence',
] as const;

/** Newest scan first. */
export async function listStoredImages(db: SnapshotDb, ids?: number[]): Promise<StoredImage[]> {
  if (ids && ids.length === 0) return [];
  let query = db.selectFrom('image').select(SUMMARY_COLUMNS).orderBy('scanned_at', 'desc').orderBy('id', 'desc');
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.execute();
  const names = await namesByImage(db);
  const counts = await countsByImage(db);
  return rows.map((r) => ({
    id: r.id,
    key: r.image_key,
    names: names.get(r.id) ?? [],
    ...(r.manifest_digest ? { manifestDigest: r.manifest_digest } : {}),
    ...(r.config_digest ? { configDigest: r.config_digest } : {}),
    format: r.format,
    origin: r.origin as SbomOrigin,
    source: r.source,
    ...(r.os_id ? { os: [r.os_id, r.os_version].filter(Boolean).join(' ') } : {}),
    ...(r.platform ? { platform: r.platform } : {}),
    packages: r.package_count,
    scannedAt: r.scanned_at,
    evaluatedAt: r.evaluated_at,
    ...(r.evaluated_sequence !== null ? { evaluatedSequence: r.evaluated_sequence } : {}),
    counts: counts.get(r.id) ?? emptyCounts(),
    stale: staleCatalogers(JSON.parse(r.catalogers) as Record<string, number>),
  }));
}

async function namesByImage(db: SnapshotDb): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('image_name')
    .select(['name', 'image_id'])
    .orderBy('added_at')
    .orderBy('name')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.image_id, [...(out.get(r.image_id) ?? []), r.name]);
  return out;
}

async function countsByImage(db: SnapshotDb): Promise<Map<number, SeverityCounts>> {
  const rows = await sql<{ image_id: number; band: SeverityBand; n: number }>`
    select image_id, band, count(*) as n from (select distinct image_id, vuln_id, group_key, band from finding) group by image_id, band`.execute(
    db,
  );
  const out = new Map<number, SeverityCounts>();
  for (const r of rows.rows) {
    const counts = out.get(r.image_id) ?? emptyCounts();
    counts[r.band] = r.n;
    out.set(r.image_id, counts);
  }
  return out;
}

const DIGEST_PREFIX = /^(sha256:)?([a-f0-9]{4,64})$/;

/**
 * Stored images a reference names: a name exactly, else a name that is the same
 * reference (`app:1.0` = `docker.io/library/app:1.0`), else a digest prefix (image key,
 * manifest or config digest, with or without `sha256:`). More than one is ambiguous.
 */
export async function findStoredImages(db: SnapshotDb, ref: string): Promise<StoredImage[]> {
  const names = await db.selectFrom('image_name').select(['name', 'image_id']).execute();
  let ids = names.filter((n) => n.name === ref).map((n) => n.image_id);
  if (ids.length === 0 && /[:/]/.test(ref)) ids = names.filter((n) => safeSame(n.name, ref)).map((n) => n.image_id);
  const digest = DIGEST_PREFIX.exec(ref);
  if (ids.length === 0 && digest) {
    const like = `sha256:${digest[2]}%`;
    const rows = await db
      .selectFrom('image')
      .select('id')
      .where((eb) =>
        eb.or([eb('image_key', 'like', like), eb('manifest_digest', 'like', like), eb('config_digest', 'like', like)]),
      )
      .execute();
    ids = rows.map((r) => r.id);
  }
  return listStoredImages(db, [...new Set(ids)]);
}

function safeSame(a: string, b: string): boolean {
  try {
    return sameReference(a, b);
  } catch {
    return false;
  }
}

export async function loadSbom(db: SnapshotDb, id: number): Promise<Sbom> {
  const row = await db.selectFrom('image').select('sbom').where('id', '=', id).executeTakeFirstOrThrow();
  return JSON.parse(inflateSync(row.sbom).toString('utf8')) as Sbom;
}

export async function removeStoredImage(db: SnapshotDb, id: number): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx.deleteFrom('image').where('id', '=', id).execute();
  });
}

/** `83b9a077b6b4`: the image key as `docker images` shows an image ID. */
export const shortDigest = (key: string): string => key.replace(/^sha256:/, '').slice(0, 12);

/** What to call a stored image in one line: its first name, else its short digest. */
export const imageLabel = (image: Pick<StoredImage, 'names' | 'key'>): string =>
  image.names[0] ?? shortDigest(image.key);

/** The one stored image `ref` names; a user error naming the candidates otherwise. */
export async function findOneStoredImage(db: SnapshotDb, ref: string): Promise<StoredImage> {
  const found = await findStoredImages(db, ref);
  if (found.length === 1) return found[0];
  if (found.length === 0)
    throw new UserError(`no stored image named ${ref}`, {
      hint: 'airlock images lists the stored images; airlock scan IMAGE --name NAME stores one',
    });
  const list = found.map((i) => `${imageLabel(i)} (${shortDigest(i.key)})`).join(', ');
  throw new UserError(`${ref} names ${found.length} stored images: ${list}`, {
    hint: 'use a name or a longer digest prefix',
  });
}
