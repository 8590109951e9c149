/**
 * The apk secdb of the rolling apk distributions, one `security.json` each: Wolfi
 * (packages.wolfi.dev/os), Chainguard (packages.cgr.dev/chainguard) and MinimOS
 * (packages.mini.dev). Alpine's secdb shape (`packages[].pkg.secfixes`, read by the same
 * converter) without a `distroversion`: a rolling distribution has one release, so each
 * gets one namespace, `wolfi:rolling`, `chainguard:rolling`, `minimos:rolling`.
 *
 * Which distribution a file belongs to is read from its `urlprefix` (the repository its
 * `apkurl` template points at), never from the folder it sits in; a file whose host is none
 * of the three is left to no one and warned about, since guessing would file one
 * distribution's fixes under another's packages.
 *
 * What a secfix means (the same as Alpine's, and as Grype reads it): `"1.2.3-r1":
 * ["CVE-X"]` says the origin package was fixed for CVE-X at 1.2.3-r1, so an installed
 * version below it is affected and one at or above it is not; `"0": ["CVE-X"]` says the
 * package was never affected. The file lists fixes only, so it decides fixed-or-affected
 * for the CVEs it names and nothing else: a CVE it does not name for a package gives no
 * row, hence no match (matching never turns "not listed" into "affected").
 */
import { stat } from 'node:fs/promises';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { secdbPackageAdvisories } from '../alpine-secdb/convert.js';
import { fileHead } from '../common/file-head.js';
import { isObject } from '../common/values.js';
import { fetchedDataDate } from '../common/fetched-date.js';
import { readWholeDocument } from '../common/whole-document.js';

export type RollingApkDistro = 'wolfi' | 'chainguard' | 'minimos';

/** The repository hosts each distribution publishes from. */
const HOSTS: [RegExp, RollingApkDistro][] = [
  [/(^|\.)wolfi\.dev$/, 'wolfi'],
  [/(^|\.)cgr\.dev$/, 'chainguard'],
  [/(^|\.)mini\.dev$/, 'minimos'],
];

/** The distribution a secdb document's `urlprefix` names; undefined for any other host. */
export function distroOfSecdb(doc: unknown): RollingApkDistro | undefined {
  if (!isObject(doc) || typeof doc.urlprefix !== 'string') return undefined;
  let host: string;
  try {
    host = new URL(doc.urlprefix).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return HOSTS.find(([pattern]) => pattern.test(host))?.[1];
}

const HEAD_BYTES = 4096;

class RollingSecdbImporter implements FeedImporter {
  readonly name: string;

  constructor(private readonly distro: RollingApkDistro) {
    this.name = `${distro}-secdb`;
  }

  /** A `.json` file whose head has the apk secdb keys and this distribution's urlprefix host. */
  async detect(entry: string): Promise<boolean> {
    if (!entry.endsWith('.json') || !(await stat(entry).catch(() => undefined))?.isFile()) return false;
    const head = await fileHead(entry, HEAD_BYTES);
    if (!/"apkurl"\s*:/.test(head) || /"distroversion"\s*:/.test(head)) return false;
    const prefix = /"urlprefix"\s*:\s*"([^"]*)"/.exec(head)?.[1];
    return prefix !== undefined && distroOfSecdb({ urlprefix: prefix }) === this.distro;
  }

  async *read(file: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    let doc: unknown;
    try {
      doc = JSON.parse(await readWholeDocument(file));
    } catch (error) {
      ctx.warn({ file, message: `not valid JSON (${(error as Error).message.split('\n')[0]}); skipped` });
      return;
    }
    const distro = distroOfSecdb(doc);
    if (distro !== this.distro || !isObject(doc) || !Array.isArray(doc.packages)) {
      ctx.warn({
        file,
        message: `not a ${this.distro} secdb (urlprefix ${JSON.stringify(isObject(doc) ? doc.urlprefix : undefined)}, packages list expected); skipped`,
      });
      return;
    }
    for (const advisory of secdbPackageAdvisories(doc.packages, `${this.distro}:rolling`, file, ctx, this.name))
      yield { kind: 'advisory', advisory };
    // The secdb carries no date: what `feeds fetch` recorded, else unknown (never the mtime), as for Alpine's.
    const fetched = await fetchedDataDate(file);
    if (fetched) yield { kind: 'data-date', date: fetched };
  }
}

export const wolfiSecdb: FeedImporter = new RollingSecdbImporter('wolfi');
export const chainguardSecdb: FeedImporter = new RollingSecdbImporter('chainguard');
export const minimosSecdb: FeedImporter = new RollingSecdbImporter('minimos');
