/**
 * Signed advisory bundles built from real feed folders of ../shared/feeds, the way
 * `airlock bundle build` builds them (every registered importer over a feeds directory),
 * with chosen real files left out: a bundle "without" a CVE file is what a feed looks like
 * before the tracker published it, or after the record was withdrawn.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../../../src/bundle/build.js';
import { makeSigner } from '../../../src/bundle/testdata/fixtures.js';
import type { SigningKey } from '../../../src/bundle/keys.js';
import { buildAdvisoryDatabase } from '../../../src/db/build.js';
import { allImporters } from '../../../src/feeds/registry.js';
import { shared } from '../../support/fixtures.js';

export const FEEDS = path.join(shared, 'feeds');

export interface FeedBundle {
  out: string;
  signer: SigningKey;
  sequence: number;
  /** Feed folders (under ../shared/feeds) to include. */
  folders: string[];
  /** Files to leave out, relative to ../shared/feeds (`debian-vuln-list-debian/tracker/CVE/2022/CVE-2022-3219.json`). */
  leaveOut?: string[];
  now?: Date;
}

export async function buildFeedBundle(options: FeedBundle): Promise<string> {
  const slice = mkdtempSync(path.join(tmpdir(), 'airlock-feed-slice-'));
  try {
    for (const folder of options.folders) {
      const cut = (options.leaveOut ?? []).filter((f) => f.startsWith(`${folder}/`));
      if (cut.length === 0) symlinkSync(path.join(FEEDS, folder), path.join(slice, folder));
      else {
        cpSync(path.join(FEEDS, folder), path.join(slice, folder), { recursive: true });
        for (const file of cut) rmSync(path.join(slice, file));
      }
    }
    await buildBundle({
      out: options.out,
      signingKey: options.signer,
      sequence: options.sequence,
      now: options.now,
      buildDatabase: (dbFile) => buildAdvisoryDatabase({ feedsDir: slice, outFile: dbFile, importers: allImporters }),
    });
    return options.out;
  } finally {
    rmSync(slice, { recursive: true, force: true });
  }
}

/** A fresh AIRLOCK_HOME whose keyring trusts a throwaway signer, as `bundle trust` would leave it. */
export async function stateWithSigner(): Promise<{
  home: string;
  work: string;
  signer: Awaited<ReturnType<typeof makeSigner>>;
}> {
  const work = mkdtempSync(path.join(tmpdir(), 'airlock-store-e2e-'));
  const home = path.join(work, 'home');
  mkdirSync(path.join(home, 'keys'), { recursive: true, mode: 0o700 });
  const signer = await makeSigner(work, 'store-test');
  copyFileSync(signer.pubFile, path.join(home, 'keys', 'store-test.pub'));
  return { home, work, signer };
}
