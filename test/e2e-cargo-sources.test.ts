/**
 * Cargo.lock crates from outside crates.io end to end (issue "verdicts you can trust"): a
 * test-built image carries the lockfile real cargo wrote for one project
 * (src/catalogers/rust/testdata/sources.v4.Cargo.lock, see make-sources-lock.sh) with a
 * workspace member, a path dependency, a git dependency and another registry's crate next to
 * two crates.io crates. The git crate carries the name of a crates.io crate (regex) at a
 * version crates.io advisories cover (RUSTSEC-2022-0013 affects regex < 1.5.5); it must never
 * be looked up there. ../shared/feeds holds no crates.io record yet, so what is asserted is
 * that it is not queried: the coverage names it as not assessed, the registry crates as
 * queried against a namespace without data.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import SbomCommand from '../src/commands/sbom.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

const LOCK = readFileSync(path.join(import.meta.dirname, '../src/catalogers/rust/testdata/sources.v4.Cargo.lock'));
const GIT = 'git+file:///tmp/cargo-sources/git/regex.git?branch=main#01e6db8236521f278c34adcdf4939c7226d0e8fe';
const CORP = 'registry+file:///tmp/cargo-sources/corp-index';

let t: TestDb;
let image: string;
beforeAll(async () => {
  t = await buildFeedDb(['ghsa-osv']);
  image = writeTemp(
    await dockerClassicTar({ layers: [[{ path: 'srv/app/Cargo.lock', content: LOCK }]] }),
    'cargo-sources.tar',
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (image) rmSync(path.dirname(image), { recursive: true, force: true });
});

interface P {
  name: string;
  version: string;
  purl: string;
  metadata?: Record<string, string | boolean>;
}

describe('Cargo.lock crates from outside crates.io', () => {
  it('are in the SBOM with their source, and the lockfile warns that they could not be assessed', async () => {
    const sbom = JSON.parse((await run(SbomCommand, [image, '--format', 'json'])).stdout);
    const cargo = (sbom.packages as (P & { type: string })[]).filter((p) => p.type === 'cargo');
    expect(cargo.map((p) => [p.purl, p.metadata?.resolvedFrom ?? 'crates.io'])).toEqual([
      ['pkg:cargo/app-core@0.1.0', 'file'],
      ['pkg:cargo/hex@0.4.3', 'crates.io'],
      ['pkg:cargo/memchr@2.5.0', 'crates.io'],
      [`pkg:cargo/regex@1.5.4?vcs_url=${encodeURIComponent(GIT)}`, 'git'],
      ['pkg:cargo/smallvec@1.6.0', 'registry'],
      ['pkg:cargo/time@0.1.43', 'file'],
    ]);
    expect(cargo.find((p) => p.name === 'regex')!.metadata).toEqual({
      source: GIT,
      lockfile: true,
      resolvedFrom: 'git',
      resolvedRef: GIT,
    });
    expect((sbom.warnings as { path: string; message: string }[]).filter((w) => w.path.startsWith('/srv/'))).toEqual([
      {
        path: '/srv/app/Cargo.lock',
        message:
          '4 dependencies are not from crates.io, so crates.io advisories do not apply and their vulnerabilities could not be assessed: ' +
          `app-core (a local path: unrecorded in Cargo.lock), regex (a git repository: ${GIT}), ` +
          `smallvec (another registry: ${CORP}), time (a local path: unrecorded in Cargo.lock)`,
      },
    ]);
  });

  it('are not matched: only the crates.io crates are looked up, and coverage says why the rest are not', async () => {
    const report = JSON.parse((await run(Cves, [image, '--db', t.file, '--format', 'json'])).stdout);
    expect(report.findings).toEqual([]);
    const cargo = (report.coverage as { packageType: string }[]).filter((e) => e.packageType === 'cargo');
    expect(cargo).toContainEqual({
      packageType: 'cargo',
      os: false,
      packages: 4,
      status: 'unmatched',
      records: 0,
      sources: [],
      reason:
        "resolved from git, a tarball URL, a local path, a workspace or another registry instead of its ecosystem's registry: not assessed",
      unmatchedPackages: ['app-core', 'regex', 'smallvec', 'time'],
    });
    expect(cargo).toContainEqual(expect.objectContaining({ packages: 2, status: 'no_data', records: 0 }));
    expect(cargo).toHaveLength(2);
  });
});
