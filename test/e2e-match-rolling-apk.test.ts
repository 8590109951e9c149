/**
 * Wolfi, Chainguard and MinimOS end to end: images built by our test builder with each
 * distribution's os-release and an apk installed database written by our apk-tools
 * writer (Debian packages no apk), scanned with `airlock cves --format json` against a
 * database built from the real vunnel samples: each distribution's secdb `security.json`
 * and Chainguard's OSV records. Package names, origins and versions are those the
 * documents name, installed one release before the fix they list, or at a version the
 * documents call not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { writeDb, type DbPackage } from '../src/catalogers/apk/testdata/fdb-writer.js';
import { sampleDb, type SampleDb } from '../src/match/testdata/sample-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

/** /etc/os-release as the wolfi-base, Chainguard and MinimOS base images ship it (the fields the detector reads). */
const OS_RELEASE = {
  wolfi: 'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\nHOME_URL="https://wolfi.dev"\n',
  chainguard:
    'ID=chainguard\nNAME="Chainguard"\nPRETTY_NAME="Chainguard"\nVERSION_ID="20230214"\nHOME_URL="https://chainguard.dev/"\n',
  minimos: 'ID=minimos\nNAME="MinimOS"\nPRETTY_NAME="MinimOS"\nVERSION_ID="20241031"\n',
};

const apk = (name: string, version: string, origin = name): DbPackage => ({
  name,
  version,
  origin,
  description: `${name} as the distribution names it`,
  url: 'https://example.invalid/',
  license: 'MIT',
  dirs: [{ path: `usr/share/${name}`, files: [{ name: 'README' }] }],
});

let db: SampleDb;
beforeAll(async () => {
  db = await sampleDb(['wolfi', 'chainguard', 'minimos']);
});
afterAll(() => db?.close());

interface JsonFinding {
  package: { name: string; version: string; sourceName?: string };
  vulnId: string;
  aliases: string[];
  status: string;
  fixedVersion?: string;
  namespace: string;
  source: string;
}

async function cves(distro: keyof typeof OS_RELEASE, packages: DbPackage[]) {
  const image = writeTemp(
    await dockerClassicTar({
      layers: [
        [
          { path: 'etc/os-release', content: OS_RELEASE[distro] },
          { path: 'lib/apk/db/installed', content: writeDb(packages) },
        ],
      ],
    }),
    `${distro}.tar`,
  );
  const result = await run(Cves, [image, '--db', db.file, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  const findings = (JSON.parse(result.stdout).findings as JsonFinding[]).map((f) => [
    f.package.name,
    f.package.version,
    f.vulnId,
    f.status,
    f.fixedVersion,
    f.namespace,
    f.source,
  ]);
  return findings.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2]).localeCompare(String(b[2])));
}

describe('airlock cves on rolling apk images', () => {
  it('the samples import, each into its own source', () => {
    expect(db.build.warnings).toEqual([]);
    expect(db.build.sources.map((s) => [s.name, s.records]).sort()).toEqual([
      ['chainguard-osv', 3],
      ['chainguard-secdb', 197],
      ['minimos-secdb', 59],
      ['wolfi-secdb', 59],
    ]);
  });

  it('Wolfi: curl and its subpackage below 7.86.0-r0 are affected by the two CVEs it fixed; coreutils ("0") and expat (at its fix) are not', async () => {
    expect(
      await cves('wolfi', [
        apk('curl', '7.85.0-r0'),
        apk('libcurl-openssl4', '7.85.0-r0', 'curl'),
        apk('coreutils', '9.1-r0'),
        apk('expat', '2.5.0-r0'),
      ]),
    ).toEqual([
      ['curl', '7.85.0-r0', 'CVE-2022-32221', 'fixed', '7.86.0-r0', 'wolfi:rolling', 'wolfi-secdb'],
      ['curl', '7.85.0-r0', 'CVE-2022-42916', 'fixed', '7.86.0-r0', 'wolfi:rolling', 'wolfi-secdb'],
      ['libcurl-openssl4', '7.85.0-r0', 'CVE-2022-32221', 'fixed', '7.86.0-r0', 'wolfi:rolling', 'wolfi-secdb'],
      ['libcurl-openssl4', '7.85.0-r0', 'CVE-2022-42916', 'fixed', '7.86.0-r0', 'wolfi:rolling', 'wolfi-secdb'],
    ]);
  });

  it("Wolfi: Chainguard's OSV names haproxy-3.0 fixed in 3.0.10-r0 (CGA-224q-ccj5-2p53, keyed by its CVE); at 3.0.10-r0 nothing", async () => {
    expect(await cves('wolfi', [apk('haproxy-3.0', '3.0.9-r2')])).toEqual([
      ['haproxy-3.0', '3.0.9-r2', 'CVE-2025-32464', 'fixed', '3.0.10-r0', 'wolfi:rolling', 'chainguard-osv'],
    ]);
    expect(await cves('wolfi', [apk('haproxy-3.0', '3.0.10-r0')])).toEqual([]);
  });

  it('Chainguard: bind 9.18.10-r0 has the three CVEs fixed in 9.18.11-r0 only; haproxy-2.2 from the CGA; syncthing-compat is not affected', async () => {
    expect(
      await cves('chainguard', [
        apk('bind', '9.18.10-r0'),
        apk('haproxy-2.2', '2.2.33-r0'),
        apk('syncthing-compat', '2.0.13-r0'),
      ]),
    ).toEqual([
      ['bind', '9.18.10-r0', 'CVE-2022-3094', 'fixed', '9.18.11-r0', 'chainguard:rolling', 'chainguard-secdb'],
      ['bind', '9.18.10-r0', 'CVE-2022-3736', 'fixed', '9.18.11-r0', 'chainguard:rolling', 'chainguard-secdb'],
      ['bind', '9.18.10-r0', 'CVE-2022-3924', 'fixed', '9.18.11-r0', 'chainguard:rolling', 'chainguard-secdb'],
      ['haproxy-2.2', '2.2.33-r0', 'CVE-2025-32464', 'fixed', '2.2.34-r0', 'chainguard:rolling', 'chainguard-osv'],
    ]);
  });

  it('MinimOS: git 2.38.0-r0 below 2.38.1-r0 has both CVEs; coreutils ("0") none', async () => {
    expect(await cves('minimos', [apk('git', '2.38.0-r0'), apk('coreutils', '9.1-r0')])).toEqual([
      ['git', '2.38.0-r0', 'CVE-2022-39253', 'fixed', '2.38.1-r0', 'minimos:rolling', 'minimos-secdb'],
      ['git', '2.38.0-r0', 'CVE-2022-39260', 'fixed', '2.38.1-r0', 'minimos:rolling', 'minimos-secdb'],
    ]);
  });

  it("the same Wolfi packages in an Alpine image are not matched against Wolfi's data", async () => {
    const alpine = writeTemp(
      await dockerClassicTar({
        layers: [
          [
            { path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' },
            { path: 'lib/apk/db/installed', content: writeDb([apk('curl', '7.85.0-r0')]) },
          ],
        ],
      }),
      'alpine.tar',
    );
    const result = await run(Cves, [alpine, '--db', db.file, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});
