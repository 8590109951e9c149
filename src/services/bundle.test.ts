/** `bundle build` and `bundle verify` as services: a bundle of real feeds, checked back. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedWarning } from '../advisories/model.js';
import { buildBundleFromFeeds, verifyBundleFile } from './bundle.js';
import { feedsDirWith, trustedState } from './testdata/bundles.js';

describe('bundle services', () => {
  it('build a signed bundle from a feeds directory, and verify it against the keyring', async () => {
    const state = await trustedState();
    const out = join(state.dir, 'kev.airlock');
    const given: FeedWarning[][] = [];
    const built = await buildBundleFromFeeds({
      feedsDir: await feedsDirWith(['cisa-kev']),
      keyFile: state.keyFile,
      out,
      sequence: 42,
      expiresIn: '14d',
      onFeedWarnings: (w) => given.push(w),
    });
    expect(given).toEqual([[]]);
    expect(built).toMatchObject({ file: out, feedWarnings: 0, baseImages: [], bytes: (await stat(out)).size });
    expect(built.manifest).toMatchObject({
      sequence: 42,
      signer: state.keyId,
      sources: [{ name: 'kev', records: 1404, warnings: 0 }],
    });
    expect(Date.parse(built.manifest.expires) - Date.parse(built.manifest.created)).toBe(14 * 86_400_000);

    const trustWarnings: string[][] = [];
    const checked = await verifyBundleFile(out, {
      keyringDir: state.paths.keyring,
      onTrustWarnings: (w) => trustWarnings.push(w),
    });
    expect(trustWarnings).toEqual([[]]);
    expect(checked.warnings).toEqual([]);
    expect(checked.bundle.signer.keyId).toBe(state.keyId);
    expect(checked.bundle.manifest).toEqual(built.manifest);

    // Past its expiry: refused, or a warning when allowed.
    const later = new Date(Date.parse(built.manifest.expires) + 86_400_000);
    await expect(verifyBundleFile(out, { keyringDir: state.paths.keyring, now: later })).rejects.toThrow(/expired/);
    const allowed = await verifyBundleFile(out, { keyringDir: state.paths.keyring, now: later, allowExpired: true });
    expect(allowed.warnings).toEqual([expect.stringMatching(/expired/)]);
  });

  it('refuses a bad duration before reading anything, and a bundle no trusted key signed', async () => {
    const state = await trustedState();
    await expect(
      buildBundleFromFeeds({
        feedsDir: state.dir,
        keyFile: state.keyFile,
        out: join(state.dir, 'x.airlock'),
        expiresIn: 'soon',
      }),
    ).rejects.toThrow(/soon/);
    const other = await trustedState();
    const out = join(state.dir, 'kev.airlock');
    await buildBundleFromFeeds({
      feedsDir: await feedsDirWith(['cisa-kev']),
      keyFile: state.keyFile,
      out,
      expiresIn: '30d',
    });
    await expect(verifyBundleFile(out, { keyringDir: other.paths.keyring })).rejects.toThrow(state.keyId);
  });
});
