import { stat } from 'node:fs/promises';
import type { StatePaths } from '../config/paths.js';
import { eolProducts } from '../db/eol.js';
import { allNamespaces } from '../db/namespace-coverage.js';
import { openAdvisoryDb } from '../db/open.js';
import type { BundleSource } from './format.js';
import { readInstalledMeta, type InstalledMeta } from './meta.js';
import { databaseAge } from './staleness.js';

export interface SourceStatus extends BundleSource {
  /** Days since the source's data date, when it has one. */
  dataAgeDays?: number;
}

export type DatabaseStatus =
  | { installed: false; path: string }
  | {
      installed: true;
      path: string;
      sizeBytes: number;
      sequence: number;
      schemaVersion: number;
      signer: string;
      created: string;
      expires: string;
      expired: boolean;
      installedAt?: string;
      bundleFile?: string;
      ageDays: number;
      sources: SourceStatus[];
      /** Coverage: advisory records (package states) and packages per namespace (distro release or ecosystem). */
      namespaces: { namespace: string; records: number; packages: number }[];
      /** endoflife.date products with release end-of-life dates, and how many releases each. */
      endOfLife: { product: string; releases: number }[];
      previous?: { sequence: number; created: string };
    };

/**
 * Records per namespace and end-of-life products. The bundle facts above come from the raw
 * file; a database whose advisory tables cannot be read still gets a status, with no coverage.
 */
async function coverageOfDatabase(file: string): Promise<{
  namespaces: { namespace: string; records: number; packages: number }[];
  endOfLife: { product: string; releases: number }[];
}> {
  const db = await openAdvisoryDb(file, { readonly: true }).catch(() => undefined);
  if (!db) return { namespaces: [], endOfLife: [] };
  try {
    return { namespaces: await allNamespaces(db), endOfLife: await eolProducts(db) };
  } finally {
    await db.destroy();
  }
}

/** The `db status` view, also the `--json` contract; plain data, rendered by the command. */
export async function databaseStatus(paths: StatePaths, now: Date = new Date()): Promise<DatabaseStatus> {
  const file = await stat(paths.advisoryDb).catch(() => undefined);
  if (!file) return { installed: false, path: paths.advisoryDb };
  const meta = await readInstalledMeta(paths.advisoryDb);
  const previous: InstalledMeta | undefined = await readInstalledMeta(paths.previousAdvisoryDb).catch(() => undefined);
  const { namespaces, endOfLife } = await coverageOfDatabase(paths.advisoryDb);
  return {
    installed: true,
    path: paths.advisoryDb,
    sizeBytes: file.size,
    sequence: meta.sequence,
    schemaVersion: meta.schemaVersion,
    signer: meta.signer,
    created: meta.created,
    expires: meta.expires,
    expired: Date.parse(meta.expires) <= now.getTime(),
    installedAt: meta.installedAt,
    bundleFile: meta.bundleFile,
    ageDays: databaseAge(meta, now),
    sources: meta.sources.map((s) =>
      s.dataDate && !Number.isNaN(Date.parse(s.dataDate))
        ? { ...s, dataAgeDays: databaseAge({ created: s.dataDate }, now) }
        : s,
    ),
    namespaces,
    endOfLife,
    previous: previous && { sequence: previous.sequence, created: previous.created },
  };
}
