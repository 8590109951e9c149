/**
 * Storing a snapshot: the SBOM (compressed), its packages as rows, its names and the
 * findings it was just evaluated to, in one write transaction. A scan of an image that is
 * already stored (same image key) replaces its snapshot; its names accumulate.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/model.js';
import { toStoredFindings, type StoredFinding } from './findings.js';
import { writeTransaction, type SnapshotDb } from './open.js';
import type { SnapshotSchema } from './schema.js';
import type { Kysely } from 'kysely';

/** How the SBOM was made: airlock's catalogers over the layers, the image's attestation, or a document. */
export type SbomOrigin = 'layers' | 'attestation' | 'sbom-file';

export interface SaveSnapshot {
  sbom: Sbom;
  origin: SbomOrigin;
  /** Names to file it under besides the archive's own (`--name`). */
  names: string[];
  findings: Finding[];
  /** The advisory bundle sequence the findings were computed at. */
  sequence?: number;
  now: Date;
}

/** Config digest (Docker's image ID), else manifest digest, else a digest of what the SBOM lists. */
export function imageKeyOf(sbom: Sbom): string {
  if (sbom.image.configDigest) return sbom.image.configDigest;
  if (sbom.image.manifestDigest) return sbom.image.manifestDigest;
  const content = JSON.stringify({ distro: sbom.distro ?? null, purls: sbom.packages.map((p) => p.purl).sort() });
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

export function compressSbom(sbom: Sbom): Buffer {
  return deflateSync(Buffer.from(JSON.stringify(sbom)));
}

export async function saveSnapshot(
  db: SnapshotDb,
  input: SaveSnapshot,
): Promise<{ id: number; key: string; replaced: boolean }> {
  const { sbom, now } = input;
  const key = imageKeyOf(sbom);
  const at = now.toISOString();
  const row = {
    image_key: key,
    manifest_digest: sbom.image.manifestDigest ?? null,
    config_digest: sbom.image.configDigest ?? null,
    format: sbom.image.format,
    origin: input.origin,
    source: sbom.image.source,
    os_id: sbom.distro?.id ?? null,
    os_version: sbom.distro?.versionId ?? sbom.distro?.codename ?? null,
    platform: sbom.image.platform
      ? [sbom.image.platform.os, sbom.image.platform.architecture, sbom.image.platform.variant]
          .filter(Boolean)
          .join('/')
      : null,
    diff_ids: JSON.stringify(sbom.image.layers.map((l) => l.diffId)),
    history: JSON.stringify(sbom.image.history),
    catalogers: JSON.stringify(sbom.catalogers),
    package_count: sbom.packages.length,
    sbom: compressSbom(sbom),
    scanned_at: at,
    evaluated_at: at,
    evaluated_sequence: input.sequence ?? null,
  };
  const names = [...new Set([...sbom.image.names.filter(isStorableName), ...input.names])];
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('image').select('id').where('image_key', '=', key).executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await trx.updateTable('image').set(row).where('id', '=', id).execute();
      await trx.deleteFrom('package').where('image_id', '=', id).execute();
      await trx.deleteFrom('finding').where('image_id', '=', id).execute();
    } else {
      id = Number((await trx.insertInto('image').values(row).executeTakeFirstOrThrow()).insertId);
    }
    await insertPackages(trx, id, sbom);
    await insertFindings(trx, id, toStoredFindings(input.findings));
    for (const name of names) {
      await trx
        .insertInto('image_name')
        .values({ name, image_id: id, added_at: at })
        .onConflict((oc) => oc.column('name').doUpdateSet({ image_id: id, added_at: at }))
        .execute();
    }
    return { id, key, replaced: existing !== undefined };
  });
}

/** A repo:tag worth filing under; an OCI ref name like `latest` alone names nothing. */
export const isStorableName = (name: string): boolean => name.includes(':') || name.includes('/');

const CHUNK = 80;

async function insertPackages(trx: Kysely<SnapshotSchema>, imageId: number, sbom: Sbom): Promise<void> {
  const rows = sbom.packages.map((p, idx) => ({
    image_id: imageId,
    idx,
    type: p.type,
    name: p.name,
    version: p.version,
    source_name: p.sourceName ?? null,
    source_version: p.sourceVersion ?? null,
    purl: p.purl,
    location: p.locations[0]?.path ?? null,
    layer_diff_id: p.locations[0]?.layerDiffId ?? p.introducedByLayer ?? null,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('package')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function insertFindings(
  trx: Kysely<SnapshotSchema>,
  imageId: number,
  findings: StoredFinding[],
): Promise<void> {
  const rows = findings.map((f) => ({
    image_id: imageId,
    vuln_id: f.vulnId,
    purl: f.purl,
    package_name: f.packageName,
    package_version: f.packageVersion,
    group_key: f.groupKey,
    status: f.status,
    fixed_version: f.fixedVersion ?? null,
    band: f.band,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('finding')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}
