import { InputError } from '../errors.js';
import type { BundleManifest, BundleSource } from './format.js';
import { withSqlite, type SqliteFile } from './sqlite.js';

/**
 * What the installed database says about itself. `bundle_meta(key, value)` holds the
 * manifest facts (written at build, rewritten from the verified manifest at import);
 * `source_meta(source, records, warnings, data_date)` holds one row per feed. Both are
 * written by src/db (bundle-meta.ts, build.ts); this module reads them. The key names
 * are those `src/db/bundle-meta.ts` reads (sequence, created, expires, signer_key_id,
 * format_version, schema_version); the import adds payload_sha256, installed_at, bundle_file.
 */
export interface InstalledMeta {
  sequence: number;
  schemaVersion: number;
  created: string;
  expires: string;
  signer: string;
  minAirlockVersion?: string;
  payloadSha256?: string;
  installedAt?: string;
  bundleFile?: string;
  sources: BundleSource[];
}

export function manifestMetaEntries(manifest: BundleManifest): Record<string, string | undefined> {
  return {
    format_version: String(manifest.formatVersion),
    schema_version: String(manifest.schemaVersion),
    sequence: String(manifest.sequence),
    created: manifest.created,
    expires: manifest.expires,
    signer_key_id: manifest.signer,
    min_airlock_version: manifest.minAirlockVersion,
  };
}

export async function readMetaTable(db: SqliteFile): Promise<Map<string, string>> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM bundle_meta');
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function readSourceMeta(db: SqliteFile): Promise<BundleSource[]> {
  const rows = await db.all<{ source: string; records: number; warnings: number; data_date: string | null }>(
    'SELECT source, records, warnings, data_date FROM source_meta ORDER BY source',
  );
  return rows.map((r) => ({
    name: r.source,
    records: r.records,
    warnings: r.warnings,
    ...(r.data_date ? { dataDate: r.data_date } : {}),
  }));
}

export async function readInstalledMeta(dbFile: string): Promise<InstalledMeta> {
  try {
    return await withSqlite(dbFile, 'readonly', async (db) => {
      const meta = await readMetaTable(db);
      const need = (key: string) => {
        const value = meta.get(key);
        if (value === undefined) throw new InputError(dbFile, `bundle_meta has no ${key}`);
        return value;
      };
      return {
        sequence: Number(need('sequence')),
        schemaVersion: Number(need('schema_version')),
        created: need('created'),
        expires: need('expires'),
        signer: need('signer_key_id'),
        minAirlockVersion: meta.get('min_airlock_version'),
        payloadSha256: meta.get('payload_sha256'),
        installedAt: meta.get('installed_at'),
        bundleFile: meta.get('bundle_file'),
        sources: await readSourceMeta(db),
      };
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(dbFile, `cannot read the advisory database metadata: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
