/**
 * Finds the feeds in a directory tree in one walk, by asking the importers, not by path
 * conventions. Importers recognized by shape (a tracker checkout, an OVAL file: `detect`) are
 * offered each directory and file until they claim one; importers recognized by content
 * (`claim`) are offered files and archives only, each sniffed once and handed to the first
 * importer of its format. No importer is offered a whole tree of another feed's files, so
 * each file is read by one importer, once.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedImporter, FormatClaim, SniffedFormat } from '../advisories/model.js';

/**
 * Deep enough for `advisories/github-reviewed/YYYY/MM/GHSA-…/GHSA-….json` below a mirror folder or two,
 * without crawling an unrelated tree forever (or a symlink loop).
 */
const MAX_DEPTH = 12;

export type Claim = { path: string; importers: FeedImporter[] } | { path: string; problem: string };

/**
 * Entries classified ahead of the one being read, per directory. Classifying is a handful of
 * small reads per entry (every shape importer's detect, a stat, a sniff): done one after the
 * other, a tree of 300,000 CVE files spends its time waiting on the file system.
 */
const LOOKAHEAD = 16;

export async function* claimedEntries(root: string, importers: FeedImporter[]): AsyncGenerator<Claim> {
  const byShape = importers.filter((i) => !i.claim);
  const byFormat = importers.filter((i) => i.claim);
  yield* walk(root, await classify(root, byShape, byFormat), byShape, byFormat, 0);
}

interface Classified {
  claims: Claim[];
  /** Shape importers that did not claim the entry, and keep looking below it. */
  stillLooking: FeedImporter[];
  isDirectory: boolean;
}

/**
 * Offers `entry` to every shape importer still looking (at once: detects only read); one that
 * claims it reads it and looks no deeper there, the others go on into its children. A file no
 * shape importer claims goes to the importer of its sniffed format.
 */
async function classify(entry: string, byShape: FeedImporter[], byFormat: FeedImporter[]): Promise<Classified> {
  const verdicts = await Promise.all(byShape.map((importer) => importer.detect(entry)));
  const claimed = byShape.filter((_, i) => verdicts[i]);
  const claims: Claim[] = claimed.length > 0 ? [{ path: entry, importers: claimed }] : [];
  const stillLooking = byShape.filter((_, i) => !verdicts[i]);
  const info = await stat(entry).catch(() => undefined);
  if (info?.isFile() && claimed.length === 0 && byFormat.length > 0) {
    const byContent = await claimByFormat(entry, byFormat);
    if (byContent) claims.push(byContent);
  }
  return { claims, stillLooking, isDirectory: info?.isDirectory() ?? false };
}

type Settled = { ok: Classified } | { error: unknown };

async function* walk(
  entry: string,
  found: Classified,
  byShape: FeedImporter[],
  byFormat: FeedImporter[],
  depth: number,
): AsyncGenerator<Claim> {
  yield* found.claims;
  const { stillLooking } = found;
  if (!found.isDirectory || depth >= MAX_DEPTH) return;
  if (stillLooking.length === 0 && byFormat.length === 0) return;
  const children = (await readdir(entry))
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => path.join(entry, name));
  // Settled promises only: one failing ahead of its turn must not become an unhandled rejection.
  const start = (child: string): Promise<Settled> =>
    classify(child, stillLooking, byFormat).then(
      (ok) => ({ ok }),
      (error: unknown) => ({ error }),
    );
  const ahead = children.slice(0, LOOKAHEAD).map(start);
  for (let i = 0; i < children.length; i++) {
    const settled = await ahead[i];
    if (i + LOOKAHEAD < children.length) ahead.push(start(children[i + LOOKAHEAD]));
    if ('error' in settled) throw settled.error;
    yield* walk(children[i], settled.ok, stillLooking, byFormat, depth + 1);
  }
}

async function claimByFormat(file: string, byFormat: FeedImporter[]): Promise<Claim | undefined> {
  // Importers sharing one sniffer are answered by one sniff.
  const sniffed = new Map<FormatClaim['formatOf'], SniffedFormat>();
  for (const importer of byFormat) {
    const claim = importer.claim!;
    let result = sniffed.get(claim.formatOf);
    if (!result) sniffed.set(claim.formatOf, (result = await claim.formatOf(file)));
    if (result.problem) return { path: file, problem: result.problem };
    if (result.format && claim.formats.includes(result.format)) return { path: file, importers: [importer] };
  }
  return undefined;
}
