/**
 * The whole path for the new rpm distros' data: `bundle build` over all of ../shared/feeds
 * plus a copy of every document in ../shared/feed-samples/vunnel (as `feeds fetch` would
 * have laid them beside the others), `db import` of the signed bundle into a fresh
 * AIRLOCK_HOME, and `db status` listing each new source with its record count and the
 * date of its data.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BundleBuild from '../src/commands/bundle/build.js';
import DbImport from '../src/commands/db/import.js';
import DbStatus from '../src/commands/db/status.js';
import { FEEDS, stateWithSigner } from './store/support/bundles.js';
import { run } from './support/run-command.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');

let work: string;
let built: { stdout: string; stderr: string; code: number };
let imported: { stdout: string; stderr: string; code: number };
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  const state = await stateWithSigner();
  work = state.work;
  const feeds = path.join(work, 'feeds');
  mkdirSync(feeds);
  for (const folder of readdirSync(FEEDS)) symlinkSync(path.join(FEEDS, folder), path.join(feeds, folder));
  cpSync(SAMPLES, path.join(feeds, 'vunnel-samples'), { recursive: true });
  const bundle = path.join(work, 'all.airlock');
  built = await run(BundleBuild, ['--feeds', feeds, '--key', state.signer.keyFile, '--out', bundle, '--sequence', '7']);
  process.env.AIRLOCK_HOME = state.home;
  imported = await run(DbImport, [bundle]);
}, 600_000);

afterAll(() => {
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(work, { recursive: true, force: true });
});

describe('a bundle of all of ../shared/feeds plus every vunnel sample', () => {
  it('builds and imports', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('db status lists each new source with its record count and data date', async () => {
    const status = await run(DbStatus, ['--json']);
    expect(status.code, status.stderr).toBe(0);
    const sources = JSON.parse(status.stdout).sources as {
      name: string;
      records: number;
      warnings: number;
      dataDate?: string;
    }[];
    const of = (name: string) => sources.find((s) => s.name === name);
    // Records: one per CVE of each definition/item that yields rows (see the importers' tests for the documents behind each).
    expect(of('amazon-alas')).toMatchObject({ records: 9, dataDate: '2023-03-08T00:51:00.000Z' });
    expect(of('oracle-oval')).toMatchObject({ records: 14, dataDate: '2021-09-09T12:49:02.000Z' });
    expect(of('suse-oval')).toMatchObject({ records: 4, warnings: 0, dataDate: '2021-07-16T05:18:42.000Z' });
    expect(of('mariner-oval')).toMatchObject({ records: 8, warnings: 0, dataDate: '2024-05-08T12:04:07.046Z' });
    expect(of('photon-cve')).toMatchObject({ records: 9, warnings: 0 });
    // Photon's lists carry no date and no `feeds fetch` record lies beside the samples: unknown, never the mtime.
    expect(of('photon-cve')?.dataDate).toBeUndefined();
    // The ALAS feed without its pages (mock_rss) is a warning per item, not a failure.
    expect(of('amazon-alas')?.warnings).toBe(97);
    const text = await run(DbStatus, []);
    for (const name of ['amazon-alas', 'oracle-oval', 'suse-oval', 'mariner-oval', 'photon-cve'])
      expect(text.stdout).toContain(name);
  });
});
