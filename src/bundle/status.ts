import { stat } from 'node:fs/promises';
import type { StatePaths } from '../config/paths.js';
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
      previous?: { sequence: number; created: string };
    };

/** The `db status` view, also the `--json` contract; plain data, rendered by the command. */
export async function databaseStatus(paths: StatePaths, now: Date = new Date()): Promise<DatabaseStatus> {
  const file = await stat(paths.advisoryDb).catch(() => undefined);
  if (!file) return { installed: false, path: paths.advisoryDb };
  const meta = await readInstalledMeta(paths.advisoryDb);
  const previous: InstalledMeta | undefined = await readInstalledMeta(paths.previousAdvisoryDb).catch(() => undefined);
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
    sources: meta.sources.map((s) => (s.dataDate && !Number.isNaN(Date.parse(s.dataDate)) ? { ...s, dataAgeDays: databaseAge({ created: s.dataDate }, now) } : s)),
    previous: previous && { sequence: previous.sequence, created: previous.created },
  };
}
