import { copyFile, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_MAGIC, HEADER_FIXED_LENGTH, readBundleHead, SIGNATURE_LENGTH } from './format.js';
import { loadTrustStore, type TrustStore } from './trust.js';
import { verifyBundle, checkBundlePolicy } from './verify.js';
import { makeBundle, makeSigner, tempDir, writeKevDatabase } from './testdata/fixtures.js';
import { canonicalJson } from './canonical-json.js';
import { withSqlite } from './sqlite.js';
import { ADVISORY_SCHEMA_VERSION } from '../db/schema-version.js';
import { extractPayload } from './payload.js';

const NOW = new Date('2025-08-26T12:00:00Z');

describe('bundle build and verify', () => {
  let dir: string;
  let trust: TrustStore;
  let signer: Awaited<ReturnType<typeof makeSigner>>;
  let bundleFile: string;

  beforeAll(async () => {
    dir = await tempDir();
    const keys = join(dir, 'keys');
    await mkdir(keys);
    signer = await makeSigner(keys, 'publisher');
    trust = await loadTrustStore({ packageKeysDir: keys });
    bundleFile = join(dir, 'kev.airlock');
    await makeBundle(bundleFile, signer, { now: NOW, sequence: 1756123456 });
  });

  it('lays the file out as the format comment describes', async () => {
    const bytes = await readFile(bundleFile);
    expect(bytes.subarray(0, 8).equals(BUNDLE_MAGIC)).toBe(true);
    expect(bytes.readUInt16BE(8)).toBe(1);
    expect(bytes.subarray(10, 18).toString('hex')).toBe(signer.keyId);
    const manifestLength = bytes.readUInt32BE(18);
    const manifestText = bytes.subarray(HEADER_FIXED_LENGTH, HEADER_FIXED_LENGTH + manifestLength).toString('utf8');
    const manifest = JSON.parse(manifestText);
    expect(canonicalJson(manifest)).toBe(manifestText);
    expect(manifestText).not.toMatch(/\s/);
    const payloadOffset = HEADER_FIXED_LENGTH + manifestLength + SIGNATURE_LENGTH;
    expect(bytes.length).toBe(payloadOffset + manifest.payload.length);
  });

  it('verifies and reports the manifest with the real KEV source counts', async () => {
    const verified = await verifyBundle(bundleFile, trust);
    const m = verified.manifest;
    expect(verified.signer.keyId).toBe(signer.keyId);
    expect(m).toMatchObject({
      formatVersion: 1,
      schemaVersion: 1,
      sequence: 1756123456,
      created: '2025-08-26T12:00:00.000Z',
      expires: '2025-09-25T12:00:00.000Z',
      signer: signer.keyId,
      minAirlockVersion: '0.1.0',
    });
    // The catalogue in ../shared/feeds is version 2025.08.25 with 1,404 entries.
    expect(m.sources).toEqual([{ name: 'cisa-kev', records: 1404, warnings: 0, dataDate: '2025-08-25' }]);
    expect(m.payload.compression).toBe('br');
    expect(m.payload.length).toBeLessThan(m.payload.uncompressedLength);
    expect(checkBundlePolicy(verified, { now: NOW, airlockVersion: '0.1.0' })).toEqual([]);
  });

  it('round-trips the database: the unpacked payload holds the KEV rows and bundle_meta', async () => {
    const verified = await verifyBundle(bundleFile, trust);
    const out = join(dir, 'unpacked.db');
    await extractPayload(verified, out);
    expect((await stat(out)).size).toBe(verified.manifest.payload.uncompressedLength);
    const rows = await withSqlite(out, 'readonly', (db) =>
      db.all<{ cve: string; vendor: string }>("SELECT cve, vendor FROM kev WHERE cve = 'CVE-2025-48384'"),
    );
    expect(rows).toEqual([{ cve: 'CVE-2025-48384', vendor: 'Git' }]);
    const meta = await withSqlite(out, 'readonly', (db) =>
      db.all<{ key: string; value: string }>(
        "SELECT key, value FROM bundle_meta WHERE key IN ('sequence','signer_key_id')",
      ),
    );
    expect(Object.fromEntries(meta.map((r) => [r.key, r.value]))).toEqual({
      sequence: '1756123456',
      signer_key_id: signer.keyId,
    });
  });

  it('brotli makes a smaller payload than gzip on the same database (why the default is br)', async () => {
    const gz = join(dir, 'kev-gzip.airlock');
    const built = await makeBundle(gz, signer, { now: NOW, sequence: 1, compression: 'gzip' });
    const br = await verifyBundle(bundleFile, trust);
    expect(built.manifest.payload.compression).toBe('gzip');
    expect(br.manifest.payload.length).toBeLessThan(built.manifest.payload.length);
    const verified = await verifyBundle(gz, trust);
    const out = join(dir, 'unpacked-gzip.db');
    await extractPayload(verified, out);
    expect((await stat(out)).size).toBe(verified.manifest.payload.uncompressedLength);
  });

  it('defaults the sequence to the creation time in Unix seconds', async () => {
    const out = join(dir, 'default-seq.airlock');
    const built = await makeBundle(out, signer, { now: NOW, kevLimit: 10 });
    expect(built.manifest.sequence).toBe(Math.floor(NOW.getTime() / 1000));
    expect(built.manifest.sources[0].records).toBe(10);
  });

  it('refuses a manifest length beyond 1 MiB before reading it', async () => {
    const bytes = await readFile(bundleFile);
    bytes.writeUInt32BE(2 * 1024 * 1024, 18);
    const bad = join(dir, 'huge-manifest.airlock');
    await writeFile(bad, bytes);
    await expect(verifyBundle(bad, trust)).rejects.toThrow(/manifest length 2097152 is outside 2\.\.1048576 bytes/);
  });

  it('refuses a file that is not a bundle, naming it', async () => {
    const bad = join(dir, 'not-a-bundle.airlock');
    await copyFile(join(process.cwd(), '../shared/feeds/epss/epss_scores-2024-10-25.excerpt.csv'), bad);
    await expect(verifyBundle(bad, trust)).rejects.toThrow(
      `${bad}: not an airlock bundle (the file does not start with AIRLOCKB)`,
    );
  });

  it('refuses an unsupported format version', async () => {
    const bytes = await readFile(bundleFile);
    bytes.writeUInt16BE(2, 8);
    const bad = join(dir, 'v2.airlock');
    await writeFile(bad, bytes);
    await expect(verifyBundle(bad, trust)).rejects.toThrow(/bundle format version 2 is not supported/);
  });

  it('a database whose bundle_meta is empty gets the bundle facts', async () => {
    const db = join(dir, 'plain.db');
    await writeKevDatabase(db, 3);
    await withSqlite(db, 'readwrite', (d) => d.run('DELETE FROM bundle_meta'));
    const out = join(dir, 'no-meta.airlock');
    const built = await makeBundle(out, signer, { now: NOW, buildDatabase: (target) => copyFile(db, target) });
    // Nothing in the file declares a schema: it is bundled as this airlock's.
    expect(built.manifest.schemaVersion).toBe(ADVISORY_SCHEMA_VERSION);
    const handle = await open(out, 'r');
    const head = await readBundleHead(out, handle);
    await handle.close();
    expect(head.keyId).toBe(signer.keyId);
  });

  it("refuses a database without a bundle_meta table: the table is the migrations' to make, not the builder's", async () => {
    const db = join(dir, 'no-table.db');
    await writeKevDatabase(db, 3);
    await withSqlite(db, 'readwrite', (d) => d.run('DROP TABLE bundle_meta'));
    const build = makeBundle(join(dir, 'no-table.airlock'), signer, {
      now: NOW,
      buildDatabase: (target) => copyFile(db, target),
    });
    await expect(build).rejects.toThrow(/has no bundle_meta table: not a database made by airlock/);
  });
});
