import { sign } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../errors.js';
import { removeOnExit, tempSpace } from '../system/temp-space.js';
import { BUNDLE_FORMAT_VERSION, encodeBundleHead, type BundleManifest, type Compression } from './format.js';
import type { SigningKey } from './keys.js';
import { stampBundleMeta } from '../db/bundle-meta.js';
import { readSourceMeta } from './meta.js';
import { compressPayload } from './payload.js';
import {
  ADVISORY_SCHEMA_VERSION,
  isReadableSchemaVersion,
  OLDEST_READABLE_SCHEMA_VERSION,
} from '../db/schema-version.js';
import { writeBundledBases, type BundledBase } from './base-images.js';
import { MIN_READER_VERSION, schemaVersionOf } from './schema.js';
import { withSqlite } from './sqlite.js';

export const DEFAULT_EXPIRY_MS = 30 * 86_400_000;

export interface BuildBundleOptions {
  out: string;
  signingKey: SigningKey;
  /** Writes the advisory database to `dbFile` (src/db/build.ts in the CLI; a fixture in tests). */
  buildDatabase: (dbFile: string) => Promise<unknown>;
  now?: Date;
  /** Defaults to the creation time in Unix seconds, which grows with every build. */
  sequence?: number;
  expiresInMs?: number;
  compression?: Compression;
  /** Base images to carry in the payload's base_catalog (src/bundle/base-images.ts); needs schema 2 or later. */
  baseImages?: BundledBase[];
  /** Where the intermediate database is built; the OS temp dir by default. */
  workDir?: string;
}

export interface BuildBundleResult {
  file: string;
  manifest: BundleManifest;
  bytes: number;
}

export async function buildBundle(options: BuildBundleOptions): Promise<BuildBundleResult> {
  const now = options.now ?? new Date();
  const sequence = options.sequence ?? Math.floor(now.getTime() / 1000);
  if (!Number.isSafeInteger(sequence) || sequence < 0)
    throw new UserError(`--sequence must be a non-negative integer, got ${sequence}`);
  // In our temp space, or a chosen work dir; either way Ctrl-C removes it.
  const work = await mkdtemp(options.workDir ? join(options.workDir, 'airlock-build-') : join(tempSpace(), 'build-'));
  const untrack = removeOnExit(work);
  try {
    const dbFile = join(work, 'advisories.db');
    await options.buildDatabase(dbFile);
    await writeBundledBases(dbFile, options.baseImages ?? []);
    const created = now.toISOString();
    const expires = new Date(now.getTime() + (options.expiresInMs ?? DEFAULT_EXPIRY_MS)).toISOString();
    const schemaVersion = await withSqlite(
      dbFile,
      'readonly',
      async (db) => (await schemaVersionOf(db)) ?? ADVISORY_SCHEMA_VERSION,
    );
    // An older schema is bundled as what it is: readers of the newer one accept it.
    if (!isReadableSchemaVersion(schemaVersion))
      throw new UserError(
        `the built database has schema version ${schemaVersion}, this airlock bundles schema ${OLDEST_READABLE_SCHEMA_VERSION} to ${ADVISORY_SCHEMA_VERSION}`,
      );
    await stampBundleMeta(dbFile, {
      format_version: String(BUNDLE_FORMAT_VERSION),
      schema_version: String(schemaVersion),
      sequence: String(sequence),
      created,
      expires,
      signer_key_id: options.signingKey.keyId,
      min_airlock_version: MIN_READER_VERSION,
    });
    const { sources } = await withSqlite(dbFile, 'readwrite', async (db) => {
      const list = await readSourceMeta(db);
      // One self-contained file: no WAL beside it, free pages dropped before compression.
      await db.run('PRAGMA journal_mode=DELETE');
      await db.run('VACUUM');
      return { sources: list };
    });
    const payloadFile = join(work, 'payload');
    const payload = await compressPayload(dbFile, payloadFile, options.compression ?? 'br');
    const manifest: BundleManifest = {
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion,
      sequence,
      created,
      expires,
      sources,
      payload,
      minAirlockVersion: MIN_READER_VERSION,
      signer: options.signingKey.keyId,
    };
    const head = encodeBundleHead(options.signingKey.keyId, manifest, (data) =>
      sign(null, data, options.signingKey.privateKey),
    );
    await writeAtomically(options.out, head, payloadFile);
    return { file: options.out, manifest, bytes: head.length + payload.length };
  } finally {
    await rm(work, { recursive: true, force: true });
    untrack();
  }
}

/** Writes head + payload to a sibling temp file, fsyncs, then renames, so `out` is never half written. */
async function writeAtomically(out: string, head: Buffer, payloadFile: string): Promise<void> {
  const temp = join(dirname(out), `.${process.pid}.${Date.now()}.bundle.part`);
  const untrack = removeOnExit(temp);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.write(head);
      await pipeline(
        createReadStream(payloadFile),
        createWriteStream('', { fd: handle.fd, autoClose: false, start: head.length }),
      );
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, out);
  } catch (err) {
    await rm(temp, { force: true });
    throw new UserError(`cannot write ${out}: ${(err as Error).message}`, { cause: err });
  } finally {
    untrack();
  }
}
