/**
 * The base-image policies on catalog entries carrying the real diff_id chains of the
 * fixture images: `app` is built on `base` (debian:bookworm). A later build of the same
 * tag makes the base outdated; the approved list is matched as Docker names references.
 */
import { describe, expect, it } from 'vitest';
import { catalogEntry as entry, fixtureTruth } from '../base/testdata/catalog-entries.js';
import { baseFacts } from './base-facts.js';
import { defaultPolicyConfig } from './config.js';
import { approvedBase, upToDateBase } from './image-policies.js';

const [base, app, trixie] = ['base', 'app', 'base-trixie'].map(fixtureTruth);

const bookworm = entry('debian:bookworm', base.diff_ids, base.config_digest, '2026-11-25T08:27:13Z');
const rebuilt = entry(
  'debian:bookworm',
  [`sha256:${'f'.repeat(64)}`],
  `sha256:${'1'.repeat(64)}`,
  '2026-12-09T00:00:00Z',
);
const deb13 = entry('debian:trixie', trixie.diff_ids, trixie.config_digest, '2026-11-26T00:00:00Z');
const appImage = { diffIds: app.diff_ids, labels: {}, annotations: {} };

describe('base policies', () => {
  it('up to date: passes on the newest build of its tag, fails naming the newer one, no data without a base', () => {
    expect(upToDateBase(baseFacts(appImage, [bookworm, deb13]))).toMatchObject({
      status: 'pass',
      summary: 'base debian:bookworm is the newest build of its tag in the catalog',
    });
    const outdated = upToDateBase(baseFacts(appImage, [bookworm, rebuilt, deb13]));
    expect(outdated.status).toBe('fail');
    expect(outdated.summary).toBe(
      `base debian:bookworm has a newer build: debian:bookworm ${rebuilt.image.key.slice(0, 19)} built 2026-12-09`,
    );
    expect(upToDateBase(baseFacts(appImage, [])).status).toBe('unknown');
    // A base only named by the OCI label cannot be judged: its builds are unknown.
    const labelled = baseFacts(
      { ...appImage, labels: { 'org.opencontainers.image.base.name': 'docker.io/library/ubuntu:24.04' } },
      [],
    );
    expect(upToDateBase(labelled)).toMatchObject({ status: 'unknown' });
  });

  it('approved: references compare as Docker normalizes them; * is a wildcard; nothing configured is no data', () => {
    const facts = baseFacts(appImage, [bookworm]);
    const config = (images: string[]) => ({ ...defaultPolicyConfig(), approvedBases: { images } });
    expect(approvedBase(facts, config(['docker.io/library/debian:*'])).status).toBe('pass');
    expect(approvedBase(facts, config(['debian:bookworm'])).status).toBe('pass');
    expect(approvedBase(facts, config(['debian:trixie', 'registry.local/base/*'])).status).toBe('fail');
    expect(approvedBase(facts, config([])).status).toBe('unknown');
  });
});
