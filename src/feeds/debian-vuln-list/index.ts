/**
 * Importer for aquasecurity/vuln-list-debian: `tracker/CVE/YYYY/CVE-*.json`,
 * `tracker/DSA/DSA-*.json`, `tracker/DLA/DLA-*.json`, one tracker entry per
 * file. Same semantics as the list files (see ../debian-lists/resolve.ts).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { ReleaseFixIndex } from '../debian-lists/release-fixes.js';
import { advisoriesFromFixesOnly, resolveTrackerAdvisory } from '../debian-lists/resolve.js';
import { advisoryEntryFromJson, cveEntryFromJson, EntryShapeError } from './convert.js';
import { readWholeDocument } from '../common/whole-document.js';

const NAME = 'debian-vuln-list';
const KINDS = ['CVE', 'DSA', 'DLA'] as const;

const isDir = async (p: string) => (await stat(p).catch(() => undefined))?.isDirectory() ?? false;

/** The `tracker/` folder, given the repository root or the folder itself. */
async function trackerDir(root: string): Promise<string | undefined> {
  for (const dir of [path.join(root, 'tracker'), ...(path.basename(root) === 'tracker' ? [root] : [])]) {
    for (const kind of KINDS) if (await isDir(path.join(dir, kind))) return dir;
  }
  return undefined;
}

async function jsonFiles(dir: string): Promise<string[]> {
  if (!(await isDir(dir))) return [];
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
}

async function readJson(file: string, ctx: FeedContext): Promise<object | undefined> {
  try {
    const value: unknown = JSON.parse(await readWholeDocument(file));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    ctx.warn({ file, message: 'not a JSON object; skipped' });
  } catch (error) {
    ctx.warn({ file, message: `not valid JSON (${(error as Error).message}); skipped` });
  }
  return undefined;
}

/** Runs a conversion, turning a shape problem into a warning for the file. */
function convert<T>(file: string, ctx: FeedContext, fn: (onBad: (why: string) => void) => T): T | undefined {
  try {
    return fn((why) => ctx.warn({ file, message: why }));
  } catch (error) {
    if (!(error instanceof EntryShapeError)) throw error;
    ctx.warn({ file, message: `${error.message}; skipped` });
    return undefined;
  }
}

export const importer: FeedImporter = {
  name: NAME,

  async detect(entry: string): Promise<boolean> {
    return (await trackerDir(entry)) !== undefined;
  },

  async *read(entry: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    const dir = await trackerDir(entry);
    if (!dir) return;
    const fixes = new ReleaseFixIndex();
    for (const kind of ['DSA', 'DLA']) {
      for (const file of await jsonFiles(path.join(dir, kind))) {
        const json = await readJson(file, ctx);
        const advisory = json && convert(file, ctx, (onBad) => advisoryEntryFromJson(json, onBad));
        if (advisory) fixes.add(advisory);
      }
    }
    for (const file of await jsonFiles(path.join(dir, 'CVE'))) {
      const json = await readJson(file, ctx);
      const cve = json && convert(file, ctx, (onBad) => cveEntryFromJson(json, onBad));
      if (!cve) continue;
      const advisory = resolveTrackerAdvisory(cve, fixes.take(cve.id), NAME);
      if (advisory) yield { kind: 'advisory', advisory };
    }
    for (const advisory of advisoriesFromFixesOnly(fixes, NAME)) yield { kind: 'advisory', advisory };
    const date = fixes.newestDate();
    if (date) yield { kind: 'data-date', date };
  },
};
