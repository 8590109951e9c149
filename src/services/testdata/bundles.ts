/**
 * Bundles the service tests build through the services themselves, from real feeds of
 * ../shared/feeds (the KEV catalogue and Alpine's secdb: small, and both recognised by
 * the importers `bundle build` uses), signed by a key the state's keyring trusts.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { StatePaths } from '../../config/paths.js';
import { freshState, tempDir } from '../../bundle/testdata/fixtures.js';
import { buildBundleFromFeeds, type BuiltBundle } from '../bundle.js';
import { createSigningKey } from '../bundle-keys.js';

export const FEEDS = resolve(process.cwd(), '../shared/feeds');

export async function feedsDirWith(folders: string[]): Promise<string> {
  const dir = await tempDir('feeds');
  for (const folder of folders) await symlink(join(FEEDS, folder), join(dir, folder));
  return dir;
}

export interface TrustedState {
  paths: StatePaths;
  keyFile: string;
  keyId: string;
  dir: string;
}

/** A fresh state directory whose keyring trusts a new signer. */
export async function trustedState(): Promise<TrustedState> {
  const paths = await freshState();
  await mkdir(paths.keyring, { recursive: true });
  const made = await createSigningKey(join(paths.keyring, 'publisher'), { comment: 'service test' });
  return { paths, keyFile: made.keyFile, keyId: made.keyId, dir: await tempDir('out') };
}

export async function buildTestBundle(
  state: TrustedState,
  sequence: number,
  folders = ['cisa-kev', 'alpine-secdb'],
): Promise<BuiltBundle> {
  return buildBundleFromFeeds({
    feedsDir: await feedsDirWith(folders),
    keyFile: state.keyFile,
    out: join(state.dir, `seq${sequence}.airlock`),
    sequence,
    expiresIn: '30d',
  });
}
