/**
 * A base-image catalog travelling inside a signed advisory bundle: `bundle build
 * --base-image debian:bookworm=base.docker.tar` over real Debian feed folders, `db import`
 * into a fresh AIRLOCK_HOME, and the appliance's catalog holds debian:bookworm (its real
 * diff_id chain and config digest) and quickview detects it as app's base: no `base add`,
 * no tarball of the base on the appliance side. Tampering is covered by the bundle tests:
 * the base_catalog rows are inside the signed payload like every advisory.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BaseList from '../src/commands/base/list.js';
import BundleBuild from '../src/commands/bundle/build.js';
import DbImport from '../src/commands/db/import.js';
import Quickview from '../src/commands/quickview.js';
import { statePaths } from '../src/config/paths.js';
import { readBundledBases } from '../src/bundle/base-images.js';
import { fixture, fixtures } from './support/fixtures.js';
import { FEEDS, stateWithSigner } from './store/support/bundles.js';
import { run } from './support/run-command.js';

const FOLDERS = ['debian-vuln-list-debian', 'debian-tracker-json-excerpt', 'nvd'];
const truth = JSON.parse(readFileSync(path.join(fixtures, 'base.truth/summary.json'), 'utf8')) as {
  diff_ids: string[];
  config_digest: string;
};

let work: string;
let bundle: string;
let built: { stdout: string; stderr: string; code: number };
let imported: { stdout: string; stderr: string; code: number };
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  const state = await stateWithSigner();
  work = state.work;
  const feeds = mkdtempSync(path.join(tmpdir(), 'airlock-base-bundle-feeds-'));
  for (const folder of FOLDERS) symlinkSync(path.join(FEEDS, folder), path.join(feeds, folder));
  bundle = path.join(work, 'with-bases.airlock');
  built = await run(BundleBuild, [
    '--feeds',
    feeds,
    '--key',
    state.signer.keyFile,
    '--out',
    bundle,
    '--sequence',
    '5',
    '--base-image',
    `debian:bookworm=${fixture('base.docker.tar')}`,
  ]);
  rmSync(feeds, { recursive: true, force: true });
  process.env.AIRLOCK_HOME = state.home;
  mkdirSync(state.home, { recursive: true });
  imported = await run(DbImport, [bundle]);
}, 300_000);

afterAll(() => {
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(work, { recursive: true, force: true });
});

describe('base images carried in a signed bundle', () => {
  it('bundle build names them; the installed database holds the SBOM with the real layer chain', async () => {
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('  base images: debian:bookworm\n');
    const bases = await readBundledBases(statePaths().advisoryDb);
    expect(bases.map((b) => b.name)).toEqual(['debian:bookworm']);
    expect(bases[0].sbom.image.layers.map((l) => l.diffId)).toEqual(truth.diff_ids);
    expect(bases[0].sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
  });

  it('db import adds them to the local catalog, evaluated against the imported advisories', async () => {
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('added 1 base images from the bundle: debian:bookworm\n');
    const list = JSON.parse((await run(BaseList, ['--json'])).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: 'debian:bookworm',
      diffIds: truth.diff_ids,
      digest: truth.config_digest,
      os: 'debian 12',
      evaluatedSequence: 5,
    });
    // The real Debian tracker records hit bookworm's packages: the findings were matched at import.
    expect(list[0].counts.low + list[0].counts.medium + list[0].counts.high).toBeGreaterThan(0);
  });

  it('quickview of app detects debian:bookworm as its base without any base add', async () => {
    const out = await run(Quickview, [fixture('app.docker.tar')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^ {2}Base image {2}debian:bookworm +│/m);
  });

  it('importing the same bundle contents again replaces the entry rather than adding a second build', async () => {
    const again = await run(DbImport, [bundle, '--allow-downgrade']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('added 1 base images from the bundle: debian:bookworm\n');
    const list = JSON.parse((await run(BaseList, ['--json'])).stdout);
    expect(list.map((e: { name: string }) => e.name)).toEqual(['debian:bookworm']);
  });
});
