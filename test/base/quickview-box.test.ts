/**
 * The quickview box with base, refreshed and updated rows: the example laid out
 * character for character, and golden files of the box and of `airlock recommendations`
 * on real images. The image is the real bookworm minbase of ../shared/images (built
 * 2026-11-24) plus minimist 1.2.5; the catalog holds that build as debian:bookworm, the
 * fixture `base` as a newer build of debian:bookworm (2026-11-25), and the fixture trixie
 * and bullseye minbases. The database is built from real feeds and stamped as bundle 42.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBaseImages } from '../../src/services/base/add.js';
import { recommendBaseImages } from '../../src/services/base/recommendations.js';
import { renderRecommendations } from '../../src/report/base/render.js';
import { buildFeedDb, type TestDb } from '../../src/match/testdata/feed-db.js';
import { PLAIN, renderQuickview } from '../../src/report/vulns/index.js';
import type { SeverityCounts } from '../../src/findings/model.js';
import { quickview, type QuickviewResult } from '../../src/services/quickview.js';
import { fixture, shared } from '../support/fixtures.js';
import { tarOf } from '../support/image-builder.js';
import { dockerArchiveOf, dockerLayer, fileInLayer } from './support/layers.js';
import { expectGolden, updatingGoldens } from './support/golden.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const MINBASE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
const counts = (c: number, h: number, m: number, l: number): SeverityCounts => ({
  critical: c,
  high: h,
  medium: m,
  low: l,
  unspecified: 0,
});

describe("the issue's example", () => {
  it('lays out base, refreshed and updated rows with their delta rows exactly', () => {
    const base = counts(9, 14, 9, 23);
    const row = (name: string, c: SeverityCounts, kind: 'refreshed' | 'updated') => ({
      kind,
      name,
      digest: 'sha256:0',
      counts: c,
      delta: { critical: c.critical - 9, high: c.high - 14, medium: c.medium - 9, low: c.low - 23, unspecified: 0 },
    });
    const q: QuickviewResult = {
      image: { name: 'postgres:13.1', counts: counts(17, 32, 35, 33) },
      indexedPackages: 187,
      database: { path: 'x', sources: [], sequence: 42, dataDate: '2026-11-24', ageDays: 0 },
      warnings: [],
      base: {
        base: { name: 'debian:buster-slim', counts: base, by: 'layers' },
        refreshed: row('debian:buster-slim', counts(0, 1, 6, 29), 'refreshed'),
        updated: row('debian:stable-slim', counts(0, 0, 0, 17), 'updated'),
        notes: [],
      },
    };
    expect(renderQuickview(q, PLAIN).split('\n').slice(1)).toEqual([
      '  Your image  postgres:13.1                 │   17C    32H    35M    33L',
      '  Base image  debian:buster-slim            │    9C    14H     9M    23L',
      '  Refreshed base image  debian:buster-slim  │    0C     1H     6M    29L',
      '                                            │    -9    -13     -3     +6',
      '  Updated base image  debian:stable-slim    │    0C     0H     0M    17L',
      '                                            │    -9    -14     -9     -6',
      '',
    ]);
  });
});

describe('golden files on real images', () => {
  let work: string;
  let db: TestDb;
  let image: string;
  const savedHome = process.env.AIRLOCK_HOME;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'airlock-base-golden-'));
    process.env.AIRLOCK_HOME = path.join(work, 'home');
    db = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'ghsa-osv'], {
      sequence: 42,
      created: '2026-11-24T06:00:00Z',
      expires: '2026-12-24T06:00:00Z',
      signerKeyId: 'test-key',
      formatVersion: 1,
      schemaVersion: 1,
    });
    const options = { dbFile: db.file, now: NOW };
    await addBaseImages([MINBASE], { ...options, name: 'debian:bookworm' });
    await addBaseImages([fixture('base.docker.tar')], { ...options, name: 'debian:bookworm' });
    await addBaseImages([fixture('base-trixie.docker.tar')], { ...options, name: 'debian:trixie' });
    await addBaseImages([fixture('base-bullseye.docker.tar')], { ...options, name: 'debian:bullseye' });
    // An application on the older bookworm build: its layer byte for byte, then minimist.
    const index = JSON.parse(execFileSync('tar', ['-xOf', MINBASE, 'index.json']).toString('utf8'));
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOf', MINBASE, `blobs/sha256/${index.manifests[0].digest.slice(7)}`]).toString('utf8'),
    );
    const layer = gunzipSync(
      execFileSync('tar', ['-xOf', MINBASE, `blobs/sha256/${manifest.layers[0].digest.slice(7)}`], {
        maxBuffer: 1 << 30,
      }),
    );
    const minimist = fileInLayer(dockerLayer(fixture('app.docker.tar'), 2), 'app/node_modules/minimist/package.json');
    image = path.join(work, 'app.tar');
    writeFileSync(
      image,
      await dockerArchiveOf({
        layers: [layer, await tarOf([{ path: 'app/node_modules/minimist/package.json', content: minimist }])],
        repoTags: ['shop/api:2.4'],
      }),
    );
  });

  afterAll(async () => {
    await db?.close();
    if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
    else process.env.AIRLOCK_HOME = savedHome;
    rmSync(work, { recursive: true, force: true });
  });

  it('quickview: the older bookworm build as base, the newer build as refreshed, trixie as updated', async () => {
    const q = await quickview(image, { dbFile: db.file, now: NOW });
    expect(q.base?.base).toMatchObject({ name: 'debian:bookworm', by: 'layers', created: '2026-11-24T10:24:11Z' });
    expect(q.base?.refreshed).toMatchObject({
      name: 'debian:bookworm',
      created: readCreated(fixture('base.docker.tar')),
    });
    expect(q.base?.updated).toMatchObject({ name: 'debian:trixie', os: 'debian 13' });
    expectGolden('quickview-base.txt', renderQuickview(q, PLAIN));
  });

  it('recommendations: every candidate with its build, counts and delta', async () => {
    const r = await recommendBaseImages(image, { dbFile: db.file, now: NOW });
    // The candidates are the fixture images, built afresh on each machine (debootstrap stamps
    // the build time into them), so their digests and build times differ from one machine
    // to the next: they are checked against the fixtures here and stand as placeholders in
    // the golden file.
    expect(r.candidates.map((c) => [c.kind, c.name, c.digest, c.created])).toEqual([
      [
        'refreshed',
        'debian:bookworm',
        configDigest(fixture('base.docker.tar')),
        readCreated(fixture('base.docker.tar')),
      ],
      [
        'updated',
        'debian:trixie',
        configDigest(fixture('base-trixie.docker.tar')),
        readCreated(fixture('base-trixie.docker.tar')),
      ],
    ]);
    let text = renderRecommendations(r, PLAIN);
    for (const c of r.candidates) {
      const facts = `${c.digest.slice('sha256:'.length, 'sha256:'.length + 12)}, built ${c.created!.slice(0, 16).replace('T', ' ')}`;
      expect(text).toContain(facts);
      text = text.replace(facts, `<${c.kind} digest>, built <${c.kind} build time>`);
    }
    expectGolden('recommendations.txt', text);
  });

  it('UPDATE_GOLDEN is not left on in CI', () => {
    expect(updatingGoldens && !!process.env.CI).toBe(false);
  });
});

function configOf(archive: string): Buffer {
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json']).toString('utf8'));
  return execFileSync('tar', ['-xOf', archive, manifest[0].Config], { maxBuffer: 1 << 24 });
}

function readCreated(archive: string): string {
  return JSON.parse(configOf(archive).toString('utf8')).created;
}

function configDigest(archive: string): string {
  return `sha256:${createHash('sha256').update(configOf(archive)).digest('hex')}`;
}
