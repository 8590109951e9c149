/**
 * Test builders for bundle tests. The payload database is a tiny stand-in for the real
 * advisory database: the two tables the bundle layer owns (bundle_meta, source_meta) plus
 * a `kev` table filled with the real CISA KEV catalogue from ../shared/feeds, so payloads
 * are real data of realistic size (1,404 rows, about 1 MB).
 */
import { createHash } from 'node:crypto';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { statePaths, type StatePaths } from '../../config/paths.js';
import { buildBundle, type BuildBundleOptions } from '../build.js';
import type { BundleManifest } from '../format.js';
import { keygen, readSigningKey, type SigningKey } from '../keys.js';
import { withSqlite } from '../sqlite.js';
import sqlite3 from 'sqlite3';

export const KEV_JSON = resolve(process.cwd(), '../shared/feeds/cisa-kev/known_exploited_vulnerabilities.json');

interface KevCatalog {
  dateReleased: string;
  vulnerabilities: { cveID: string; vendorProject: string; product: string; dateAdded: string }[];
}

export async function tempDir(label = 'bundle'): Promise<string> {
  return mkdtemp(join(tmpdir(), `airlock-${label}-test-`));
}

/** Creates a new SQLite file with the KEV catalogue; `limit` keeps only the first N entries. */
export async function writeKevDatabase(dbFile: string, limit?: number): Promise<{ records: number; dataDate: string }> {
  const catalog = JSON.parse(await readFile(KEV_JSON, 'utf8')) as KevCatalog;
  const entries = catalog.vulnerabilities.slice(0, limit);
  const dataDate = catalog.dateReleased.slice(0, 10);
  await new Promise<void>((ok, fail) => {
    const db = new sqlite3.Database(dbFile, (err) => (err ? fail(err) : ok()));
    db.close();
  });
  await withSqlite(dbFile, 'readwrite', async (db) => {
    await db.run('CREATE TABLE bundle_meta (key TEXT PRIMARY KEY, value TEXT)');
    await db.run(
      'CREATE TABLE source_meta (source TEXT PRIMARY KEY, records INTEGER, warnings INTEGER, data_date TEXT)',
    );
    await db.run('CREATE TABLE kev (cve TEXT PRIMARY KEY, vendor TEXT, product TEXT, date_added TEXT)');
    await db.run("INSERT INTO bundle_meta VALUES ('schema_version', '1')");
    await db.run('BEGIN');
    for (const v of entries)
      await db.run('INSERT INTO kev VALUES (?, ?, ?, ?)', [v.cveID, v.vendorProject, v.product, v.dateAdded]);
    await db.run('COMMIT');
    await db.run('INSERT INTO source_meta VALUES (?, ?, ?, ?)', ['cisa-kev', entries.length, 0, dataDate]);
  });
  return { records: entries.length, dataDate };
}

export async function makeSigner(
  dir: string,
  name: string,
): Promise<SigningKey & { pubFile: string; keyFile: string }> {
  const { keyFile, pubFile } = await keygen(join(dir, name), { comment: `test key ${name}` });
  return { ...(await readSigningKey(keyFile)), keyFile, pubFile };
}

export async function makeBundle(
  out: string,
  signingKey: SigningKey,
  options: Partial<Omit<BuildBundleOptions, 'out' | 'signingKey'>> & { kevLimit?: number } = {},
) {
  return buildBundle({ buildDatabase: (db) => writeKevDatabase(db, options.kevLimit), ...options, out, signingKey });
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export async function freshState(): Promise<StatePaths> {
  return statePaths(await tempDir('state'));
}

/**
 * Re-signs a bundle's payload under a manifest changed by `mutate`, with any key: this is
 * how a dishonest or buggy signer's bundle looks (signature valid, manifest lying).
 */
export async function resignBundle(
  source: string,
  out: string,
  signer: SigningKey,
  mutate: (manifest: BundleManifest) => void,
  options: { payload?: Buffer; manifestText?: (canonical: string) => string } = {},
): Promise<void> {
  const { readBundleHead, HEADER_FIXED_LENGTH, BUNDLE_MAGIC } = await import('../format.js');
  const { open, writeFile } = await import('node:fs/promises');
  const { sign } = await import('node:crypto');
  const handle = await open(source, 'r');
  const head = await readBundleHead(source, handle);
  await handle.close();
  const manifest = JSON.parse(head.manifestBytes.toString('utf8'));
  const payload = options.payload ?? (await readFile(source)).subarray(head.payloadOffset);
  manifest.signer = signer.keyId;
  mutate(manifest);
  const { canonicalJson } = await import('../canonical-json.js');
  const text = options.manifestText ? options.manifestText(canonicalJson(manifest)) : canonicalJson(manifest);
  const manifestBytes = Buffer.from(text, 'utf8');
  const fixed = Buffer.alloc(HEADER_FIXED_LENGTH);
  BUNDLE_MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(1, 8);
  Buffer.from(signer.keyId, 'hex').copy(fixed, 10);
  fixed.writeUInt32BE(manifestBytes.length, 18);
  const signed = Buffer.concat([fixed, manifestBytes]);
  await writeFile(out, Buffer.concat([signed, sign(null, signed, signer.privateKey), payload]));
}
