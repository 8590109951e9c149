import { ADVISORY_SCHEMA_VERSION } from '../db/schema-version.js';
import { copyFile, mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatePaths } from '../config/paths.js';
import { HEADER_FIXED_LENGTH, SIGNATURE_LENGTH } from './format.js';
import { importBundle } from './import.js';
import { loadTrustStore, type TrustStore } from './trust.js';
import { freshState, makeBundle, makeSigner, resignBundle, sha256File, tempDir } from './testdata/fixtures.js';

const NOW = new Date('2025-08-26T12:00:00Z');

/**
 * Every refused bundle must leave the installed database (and the previous one) byte for
 * byte as it was, and leave no temp file behind in the state dir.
 */
describe('db import refuses bad bundles and leaves the installed database untouched', () => {
  let dir: string;
  let trust: TrustStore;
  let publisher: Awaited<ReturnType<typeof makeSigner>>;
  let stranger: Awaited<ReturnType<typeof makeSigner>>;
  let good100: string;
  let good200: string;
  let paths: StatePaths;
  let before: { db: string; prev: string; files: string[] };

  beforeAll(async () => {
    dir = await tempDir('tamper');
    const trusted = join(dir, 'trusted');
    const other = join(dir, 'other');
    await mkdir(trusted);
    await mkdir(other);
    publisher = await makeSigner(trusted, 'publisher');
    stranger = await makeSigner(other, 'stranger');
    trust = await loadTrustStore({ packageKeysDir: trusted });
    good100 = join(dir, 'seq100.airlock');
    good200 = join(dir, 'seq200.airlock');
    await makeBundle(good100, publisher, { now: NOW, sequence: 100, kevLimit: 300 });
    await makeBundle(good200, publisher, { now: NOW, sequence: 200 });
  });

  beforeEach(async () => {
    // Installed: sequence 200, previous: sequence 100.
    paths = await freshState();
    await importBundle({ path: good100, paths, trust, now: NOW });
    await importBundle({ path: good200, paths, trust, now: NOW });
    before = {
      db: await sha256File(paths.advisoryDb),
      prev: await sha256File(paths.previousAdvisoryDb),
      files: (await readdir(paths.home)).sort(),
    };
  });

  async function expectRefusedUnchanged(
    file: string,
    message: RegExp | string,
    extra: Partial<Parameters<typeof importBundle>[0]> = {},
  ) {
    await expect(importBundle({ path: file, paths, trust, now: NOW, ...extra })).rejects.toThrow(message);
    expect(await sha256File(paths.advisoryDb)).toBe(before.db);
    expect(await sha256File(paths.previousAdvisoryDb)).toBe(before.prev);
    expect((await readdir(paths.home)).sort()).toEqual(before.files);
  }

  async function variant(name: string, edit: (bytes: Buffer) => Buffer | void): Promise<string> {
    const bytes = await readFile(good200);
    const out = join(dir, name);
    await writeFile(out, edit(bytes) ?? bytes);
    return out;
  }

  const manifestLength = (bytes: Buffer) => bytes.readUInt32BE(18);

  it('one flipped byte in the manifest', async () => {
    const file = await variant('flip-manifest.airlock', (b) => {
      const at = b.indexOf('"sequence":200', HEADER_FIXED_LENGTH) + '"sequence":'.length;
      b[at] = '9'.charCodeAt(0); // 200 → 900: a replay trying to look new
    });
    await expectRefusedUnchanged(
      file,
      `${file}: signature does not verify against key ${publisher.keyId}: the bundle header or manifest was modified`,
    );
  });

  it('one flipped byte in the signature', async () => {
    const file = await variant('flip-signature.airlock', (b) => {
      b[HEADER_FIXED_LENGTH + manifestLength(b) + 10] ^= 0x01;
    });
    await expectRefusedUnchanged(file, /signature does not verify/);
  });

  it('one flipped byte in the payload', async () => {
    const file = await variant('flip-payload.airlock', (b) => {
      b[HEADER_FIXED_LENGTH + manifestLength(b) + SIGNATURE_LENGTH + 1000] ^= 0x80;
    });
    await expectRefusedUnchanged(
      file,
      /payload sha256 [0-9a-f]{64} does not match the signed manifest .*: the payload was modified/,
    );
  });

  it('one flipped byte in the signer key id of the header', async () => {
    const file = await variant('flip-keyid.airlock', (b) => {
      b[12] ^= 0x01;
    });
    await expectRefusedUnchanged(file, /signed by unknown key [0-9a-f]{16}/);
  });

  it('a bundle signed by a key nobody trusts, named by its key id', async () => {
    const file = join(dir, 'stranger.airlock');
    await makeBundle(file, stranger, { now: NOW, sequence: 300, kevLimit: 5 });
    await expectRefusedUnchanged(file, `${file}: signed by unknown key ${stranger.keyId}`);
  });

  it('a replayed older bundle, with both sequence numbers', async () => {
    await expectRefusedUnchanged(
      good100,
      `${good100}: bundle sequence 100 is not above the installed database's sequence 200`,
    );
  });

  it('the same bundle imported twice', async () => {
    await expectRefusedUnchanged(good200, /bundle sequence 200 is not above the installed database's sequence 200/);
  });

  it('an expired bundle', async () => {
    const file = join(dir, 'expired.airlock');
    await makeBundle(file, publisher, {
      now: new Date('2025-06-01T00:00:00Z'),
      sequence: 300,
      expiresInMs: 86_400_000,
      kevLimit: 5,
    });
    await expectRefusedUnchanged(file, `${file}: bundle expired on 2025-06-02T00:00:00.000Z`);
  });

  it('a file truncated inside the payload', async () => {
    const file = await variant('truncated.airlock', (b) => b.subarray(0, b.length - 100));
    await expectRefusedUnchanged(file, /truncated: \d+ bytes, the manifest declares \d+/);
  });

  it('a file truncated inside the header', async () => {
    const file = await variant('truncated-header.airlock', (b) => b.subarray(0, 15));
    await expectRefusedUnchanged(file, `${file}: truncated: 15 bytes, ends inside the bundle header`);
  });

  it('a file truncated inside the signature', async () => {
    const file = await variant('truncated-sig.airlock', (b) =>
      b.subarray(0, HEADER_FIXED_LENGTH + manifestLength(b) + 30),
    );
    await expectRefusedUnchanged(file, /truncated: \d+ bytes, ends inside the manifest or signature/);
  });

  it('bytes appended after the payload', async () => {
    const file = await variant('padded.airlock', (b) => Buffer.concat([b, Buffer.from('extra')]));
    await expectRefusedUnchanged(file, /5 unexpected bytes after the payload/);
  });

  it('a signed manifest whose payload length lies (longer than the file)', async () => {
    const file = join(dir, 'lie-length.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.payload.length += 4096;
    });
    await expectRefusedUnchanged(file, /truncated: \d+ bytes, the manifest declares \d+/);
  });

  it('a signed manifest that understates the uncompressed length (decompression bomb guard)', async () => {
    const file = join(dir, 'lie-small.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.payload.uncompressedLength = 64 * 1024;
    });
    await expectRefusedUnchanged(file, `${file}: payload decompresses to more than the declared 65536 bytes`);
  });

  it('a real bomb: 256 MiB of zeros declared as 1 MiB stops at the declared size', async () => {
    const bomb = brotliCompressSync(Buffer.alloc(256 * 1024 * 1024), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
    });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const file = join(dir, 'bomb.airlock');
    await resignBundle(
      good200,
      file,
      publisher,
      (m) => {
        m.sequence = 300;
        m.payload = {
          ...m.payload,
          length: bomb.length,
          sha256: createHash('sha256').update(bomb).digest('hex'),
          uncompressedLength: 1024 * 1024,
        };
      },
      { payload: bomb },
    );
    await expectRefusedUnchanged(file, /payload decompresses to more than the declared 1048576 bytes/);
  });

  it('a signed manifest that overstates the uncompressed length', async () => {
    const file = join(dir, 'lie-large.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.payload.uncompressedLength += 1;
    });
    await expectRefusedUnchanged(file, /payload decompressed to \d+ bytes, the manifest declares \d+/);
  });

  it('a signed payload that is not a SQLite database', async () => {
    const text = await readFile(join(process.cwd(), '../shared/feeds/cisa-kev/known_exploited_vulnerabilities.csv'));
    const payload = brotliCompressSync(text);
    const file = join(dir, 'not-sqlite.airlock');
    await resignBundle(
      good200,
      file,
      publisher,
      (m) => {
        m.sequence = 300;
        m.payload = {
          ...m.payload,
          length: payload.length,
          sha256: createHash('sha256').update(payload).digest('hex'),
          uncompressedLength: text.length,
        };
      },
      { payload },
    );
    await expectRefusedUnchanged(file, /payload is not a usable SQLite database: SQLITE_NOTADB/);
  });

  it('a signed payload that is not brotli data', async () => {
    const payload = await readFile(join(process.cwd(), '../shared/feeds/cisa-kev/known_exploited_vulnerabilities.csv'));
    const file = join(dir, 'not-brotli.airlock');
    await resignBundle(
      good200,
      file,
      publisher,
      (m) => {
        m.sequence = 300;
        m.payload = {
          ...m.payload,
          length: payload.length,
          sha256: createHash('sha256').update(payload).digest('hex'),
        };
      },
      { payload },
    );
    await expectRefusedUnchanged(file, /payload is not valid br data/);
  });

  it('a signed manifest in non-canonical form', async () => {
    const file = join(dir, 'pretty.airlock');
    await resignBundle(good200, file, publisher, (m) => (m.sequence = 300), {
      manifestText: (text) => JSON.stringify(JSON.parse(text), null, 1),
    });
    await expectRefusedUnchanged(file, /invalid manifest: not in canonical form/);
  });

  it('a manifest that names another signer than the header', async () => {
    const file = join(dir, 'signer-mismatch.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.signer = stranger.keyId;
    });
    await expectRefusedUnchanged(
      file,
      `invalid manifest: signer ${stranger.keyId} differs from the header's key id ${publisher.keyId}`,
    );
  });

  it('a bundle needing a newer airlock', async () => {
    const file = join(dir, 'future.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.minAirlockVersion = '9.0.0';
    });
    await expectRefusedUnchanged(file, /needs airlock 9\.0\.0 or newer; this is 0\.1\.0/);
  });

  it('a bundle of another schema version', async () => {
    const file = join(dir, 'schema2.airlock');
    await resignBundle(good200, file, publisher, (m) => {
      m.sequence = 300;
      m.schemaVersion = ADVISORY_SCHEMA_VERSION + 1;
    });
    await expectRefusedUnchanged(
      file,
      `advisory schema version ${ADVISORY_SCHEMA_VERSION + 1} is not one this airlock reads (1 to ${ADVISORY_SCHEMA_VERSION})`,
    );
  });

  it('--allow-downgrade installs the older bundle, with a warning naming both sequences', async () => {
    const result = await importBundle({ path: good100, paths, trust, now: NOW, allowDowngrade: true });
    expect(result.warnings).toEqual([
      "bundle sequence 100 is not above the installed database's sequence 200; installing because --allow-downgrade was given",
    ]);
    expect(result.previousSequence).toBe(200);
    expect(await sha256File(paths.previousAdvisoryDb)).toBe(before.db);
  });

  it('--allow-expired installs an expired bundle with a warning', async () => {
    const file = join(dir, 'expired-ok.airlock');
    await makeBundle(file, publisher, {
      now: new Date('2025-06-01T00:00:00Z'),
      sequence: 300,
      expiresInMs: 86_400_000,
      kevLimit: 5,
    });
    const result = await importBundle({ path: file, paths, trust, now: NOW, allowExpired: true });
    expect(result.warnings).toEqual([
      'bundle expired on 2025-06-02T00:00:00.000Z; using it because --allow-expired was given',
    ]);
    expect(result.manifest.sequence).toBe(300);
  });

  it('a copy of a good bundle under another name imports (nothing depends on the file name)', async () => {
    const copy = join(dir, 'renamed-copy.bin');
    const file = join(dir, 'seq300.airlock');
    await makeBundle(file, publisher, { now: NOW, sequence: 300, kevLimit: 7 });
    await copyFile(file, copy);
    const result = await importBundle({ path: copy, paths, trust, now: NOW });
    expect(result.manifest.sources).toEqual([{ name: 'cisa-kev', records: 7, warnings: 0, dataDate: '2025-08-25' }]);
    expect(await sha256File(paths.previousAdvisoryDb)).toBe(before.db);
  });

  it('an installed database that cannot be read does not block the import that repairs it', async () => {
    await truncate(paths.advisoryDb, 100);
    const file = join(dir, 'repair.airlock');
    await makeBundle(file, publisher, { now: NOW, sequence: 300, kevLimit: 3 });
    const result = await importBundle({ path: file, paths, trust, now: NOW });
    expect(result.warnings[0]).toMatch(/^the installed database could not be read \(.*\); replacing it$/);
  });

  it('but a corrupted database does not lower the rollback floor: an older bundle is still refused', async () => {
    await truncate(paths.advisoryDb, 100);
    const file = join(dir, 'replay.airlock');
    await makeBundle(file, publisher, { now: NOW, sequence: 50, kevLimit: 3 });
    await expect(importBundle({ path: file, paths, trust, now: NOW })).rejects.toThrow(
      `${file}: bundle sequence 50 is below 200, the highest sequence ever installed here (recorded in ${paths.trustedState})`,
    );
  });
});
