/**
 * Detection rules on catalog entries carrying the real diff_id chains and digests of the
 * fixture images (their truth/summary.json): `app` starts with `base`'s only layer, the
 * other releases share nothing with it. The images named here around those chains
 * (shop/python, a second bookworm build) are what a catalog of such images would hold.
 */
import { describe, expect, it } from 'vitest';
import { BASE_DIGEST_KEY, BASE_NAME_KEY, detectBase, type BaseDetection } from './detect.js';
import { findCandidates } from './recommend.js';
import { catalogEntry, fixtureTruth } from './testdata/catalog-entries.js';

const [base, app, trixie, bullseye] = ['base', 'app', 'base-trixie', 'base-bullseye'].map(fixtureTruth);
const entry = (name: string, diffIds: string[], digest: string, created: string, os?: string, addedAt?: string) =>
  catalogEntry(name, diffIds, digest, created, { os, addedAt, manifestDigest: true });

const bookworm = entry('debian:bookworm', base.diff_ids, base.config_digest, '2026-11-25T08:27:13Z');
const deb13 = entry('debian:trixie', trixie.diff_ids, trixie.config_digest, '2026-11-25T08:31:33Z', 'debian 13');
const deb11 = entry('debian:bullseye', bullseye.diff_ids, bullseye.config_digest, '2026-11-25T08:32:12Z', 'debian 11');
/** An intermediate image built on bookworm: app's first two layers. */
const python = entry('shop/python:3.11', app.diff_ids.slice(0, 2), `sha256:${'b'.repeat(64)}`, '2026-11-25T08:28:00Z');
const catalog = [bookworm, deb13, deb11, python];
const appImage = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({
  diffIds: app.diff_ids,
  labels,
  annotations,
});
const picked = (d: BaseDetection) =>
  d.kind === 'catalog'
    ? [d.entry.name, d.by, d.baseLayers, d.assumedLayers]
    : [d.kind, d.kind === 'named' ? d.name : d.reason];

describe('detectBase', () => {
  it('by prefix: the longest chain the image starts with', () => {
    expect(picked(detectBase(appImage(), catalog))).toEqual(['shop/python:3.11', 'layers', 2, false]);
    expect(picked(detectBase(appImage(), [bookworm, deb13, deb11]))).toEqual(['debian:bookworm', 'layers', 1, false]);
  });

  it('an entry that is the whole image is the image itself, taken only when nothing else matches', () => {
    const self = entry('shop/app:1', app.diff_ids, app.config_digest, '2026-11-25T08:28:28Z');
    expect(picked(detectBase(appImage(), [...catalog, self]))).toEqual(['shop/python:3.11', 'layers', 2, false]);
    expect(picked(detectBase({ diffIds: base.diff_ids, labels: {}, annotations: {} }, catalog))).toEqual([
      'debian:bookworm',
      'itself',
      1,
      false,
    ]);
  });

  it('an annotation naming an entry wins over the layers; a digest names one build', () => {
    expect(picked(detectBase(appImage({}, { [BASE_NAME_KEY]: 'docker.io/library/debian:bookworm' }), catalog))).toEqual(
      ['debian:bookworm', 'annotation', 1, false],
    );
    const older = entry(
      'debian:bookworm',
      [`sha256:${'c'.repeat(64)}`],
      `sha256:${'d'.repeat(64)}`,
      '2026-10-01T00:00:00Z',
    );
    const both = [...catalog, older];
    // By name alone: the build the image's layers start with.
    expect(picked(detectBase(appImage({}, { [BASE_NAME_KEY]: 'debian:bookworm' }), both))).toEqual([
      'debian:bookworm',
      'annotation',
      1,
      false,
    ]);
    // By digest: that build, whose layers the image does not have; its layer count is assumed.
    const d = detectBase(
      appImage({}, { [BASE_NAME_KEY]: 'debian:bookworm', [BASE_DIGEST_KEY]: older.image.key }),
      both,
    );
    expect(picked(d)).toEqual(['debian:bookworm', 'annotation', 1, true]);
    expect(d.kind === 'catalog' && d.entry.image.key).toBe(older.image.key);
  });

  it('a label naming a shorter chain than the layers prove loses: labels are inherited', () => {
    const d = detectBase(appImage({ [BASE_NAME_KEY]: 'debian:bookworm' }), catalog);
    expect(picked(d)).toEqual(['shop/python:3.11', 'layers', 2, false]);
    expect(d.kind === 'catalog' && d.notes).toEqual([
      "its label names debian:bookworm, but its layers start with shop/python:3.11's (labels are inherited from the images it was built on)",
    ]);
    // The same label where the layers prove nothing longer is taken.
    expect(picked(detectBase(appImage({ [BASE_NAME_KEY]: 'debian:bookworm' }), [bookworm, deb13]))).toEqual([
      'debian:bookworm',
      'label',
      1,
      false,
    ]);
  });

  it('a label naming an image the catalog lacks: the layers when they match, else the bare name', () => {
    const label = { [BASE_NAME_KEY]: 'gcr.io/distroless/base-debian12:nonroot' };
    const d = detectBase(appImage(label), catalog);
    expect(picked(d)).toEqual(['shop/python:3.11', 'layers', 2, false]);
    expect(d.kind === 'catalog' && d.notes).toEqual([
      'its label names gcr.io/distroless/base-debian12:nonroot, which is not in the base catalog',
    ]);
    expect(
      picked(detectBase({ diffIds: [`sha256:${'e'.repeat(64)}`], labels: label, annotations: {} }, catalog)),
    ).toEqual(['named', 'gcr.io/distroless/base-debian12:nonroot']);
  });

  it('--base wins over everything, by name or digest prefix; unknown names are a user error', () => {
    expect(picked(detectBase(appImage(), catalog, 'debian:trixie'))).toEqual(['debian:trixie', 'override', 1, true]);
    expect(picked(detectBase(appImage(), catalog, base.config_digest.slice(7, 19)))).toEqual([
      'debian:bookworm',
      'override',
      1,
      false,
    ]);
    expect(() => detectBase(appImage(), catalog, 'debian:sid')).toThrow('--base debian:sid is not in the base catalog');
  });

  it('no match says why', () => {
    const lone = { diffIds: [`sha256:${'e'.repeat(64)}`], labels: {}, annotations: {} };
    expect(picked(detectBase(lone, catalog))).toEqual([
      'none',
      'no catalog image shares its first layer; add base images with `airlock base add`',
    ]);
    expect(picked(detectBase(lone, []))).toEqual([
      'none',
      'the base catalog is empty; add base images with `airlock base add`',
    ]);
    expect(picked(detectBase({ diffIds: [], labels: {}, annotations: {} }, catalog))).toEqual([
      'none',
      'the image names no layers and no base image label; add base images with `airlock base add`, or pass --base NAME',
    ]);
  });
});

describe('findCandidates', () => {
  it('refreshed: later builds of the same tag; updated: newer release lines, never older or development ones', () => {
    const rebuilt = entry(
      'debian:bookworm',
      [`sha256:${'f'.repeat(64)}`],
      `sha256:${'1'.repeat(64)}`,
      '2026-12-09T00:00:00Z',
    );
    const older = entry(
      'debian:bookworm',
      [`sha256:${'2'.repeat(64)}`],
      `sha256:${'3'.repeat(64)}`,
      '2026-10-01T00:00:00Z',
    );
    const sid = entry(
      'debian:sid',
      [`sha256:${'4'.repeat(64)}`],
      `sha256:${'5'.repeat(64)}`,
      '2026-12-01T00:00:00Z',
      'debian forky',
    );
    const slim = entry(
      'debian:trixie-slim',
      [`sha256:${'6'.repeat(64)}`],
      `sha256:${'7'.repeat(64)}`,
      '2026-11-25T08:31:00Z',
      'debian 13',
    );
    const found = findCandidates(bookworm, [bookworm, rebuilt, older, deb13, deb11, sid, slim, python]);
    expect(found.refreshed.map((e) => e.image.key)).toEqual([rebuilt.image.key]);
    expect(found.updated.map((e) => e.name)).toEqual(['debian:trixie', 'debian:trixie-slim']);
    // A -slim base keeps its variant when the catalog has it.
    const bookwormSlim = entry(
      'debian:bookworm-slim',
      [`sha256:${'8'.repeat(64)}`],
      `sha256:${'9'.repeat(64)}`,
      '2026-11-20T00:00:00Z',
    );
    expect(findCandidates(bookwormSlim, [bookwormSlim, deb13, slim, deb11]).updated.map((e) => e.name)).toEqual([
      'debian:trixie-slim',
      'debian:trixie',
    ]);
    expect(findCandidates(deb13, catalog)).toEqual({ refreshed: [], updated: [] });
  });
});
