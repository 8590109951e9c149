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

export async function* claimedEntries(
  root: string,
  importers: FeedImporter[],
): AsyncGenerator<Claim> {
  const byShape = importers.filter((i) => !i.claim);
  const byFormat = importers.filter((i) => i.claim);
  yield* walk(root, byShape, byFormat, 0);
}

/**
 * Offers `entry` to every shape importer still looking; one that claims it reads it and
 * looks no deeper there, the others go on into its children. A file no shape importer
 * claims goes to the importer of its sniffed format.
 */
async function* walk(
  entry: string,
  byShape: FeedImporter[],
  byFormat: FeedImporter[],
  depth: number,
): AsyncGenerator<Claim> {
  const claimed: FeedImporter[] = [];
  for (const importer of byShape) if (await importer.detect(entry)) claimed.push(importer);
  if (claimed.length > 0) yield { path: entry, importers: claimed };
  const stillLooking = byShape.filter((i) => !claimed.includes(i));
  const info = await stat(entry).catch(() => undefined);
  if (info?.isFile()) {
    if (claimed.length === 0 && byFormat.length > 0) yield* claimByFormat(entry, byFormat);
    return;
  }
  if (!info?.isDirectory() || depth >= MAX_DEPTH) return;
  if (stillLooking.length === 0 && byFormat.length === 0) return;
  const children = (await readdir(entry)).filter((name) => !name.startsWith('.')).sort();
  for (const child of children) yield* walk(path.join(entry, child), stillLooking, byFormat, depth + 1);
}

async function* claimByFormat(file: string, byFormat: FeedImporter[]): AsyncGenerator<Claim> {
  // Importers sharing one sniffer are answered by one sniff.
  const sniffed = new Map<FormatClaim['formatOf'], SniffedFormat>();
  for (const importer of byFormat) {
    const claim = importer.claim!;
    let result = sniffed.get(claim.formatOf);
    if (!result) sniffed.set(claim.formatOf, (result = await claim.formatOf(file)));
    if (result.problem) {
      yield { path: file, problem: result.problem };
      return;
    }
    if (result.format && claim.formats.includes(result.format)) {
      yield { path: file, importers: [importer] };
      return;
    }
  }
}
