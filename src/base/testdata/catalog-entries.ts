/**
 * Base-catalog entries carrying the real diff_id chains and digests of the fixture images
 * (their truth/summary.json), for the detection and base-policy tests: `app` starts with
 * `base`'s only layer; the other releases share nothing with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../catalog.js';
import { emptyCounts } from '../../findings/counts.js';
import { fixtures } from '../../../test/support/fixtures.js';

/** What the fixture builder recorded of an image: diff_ids, config digest, … */
export interface FixtureTruth {
  diff_ids: string[];
  config_digest: string;
}

export function fixtureTruth(name: string): FixtureTruth {
  return JSON.parse(readFileSync(path.join(fixtures, `${name}.truth/summary.json`), 'utf8')) as FixtureTruth;
}

let id = 0;

/** A catalog entry as `airlock base add` files one, its snapshot stored; each call a new snapshot id. */
export function catalogEntry(
  name: string,
  diffIds: string[],
  digest: string,
  created: string,
  options: { os?: string; addedAt?: string; manifestDigest?: boolean } = {},
): CatalogEntry {
  const [repository, tag] = name.split(':');
  const { os = 'debian 12', addedAt = '2026-11-25T09:00:00Z' } = options;
  id += 1;
  return {
    repository,
    tag,
    name,
    created,
    diffIds,
    snapshotAdded: true,
    addedAt,
    image: {
      id,
      key: digest,
      names: [name],
      ...(options.manifestDigest ? { manifestDigest: `sha256:${String(id).padStart(64, 'a')}` } : {}),
      format: 'docker-archive',
      origin: 'layers',
      source: `${name}.tar`,
      os,
      packages: 88,
      scannedAt: addedAt,
      evaluatedAt: addedAt,
      counts: emptyCounts(),
      stale: [],
    },
  };
}
