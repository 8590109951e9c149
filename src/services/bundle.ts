/**
 * `bundle build` and `bundle verify`: the connected side builds a signed bundle from a
 * feeds directory; either side checks one without importing it. Warnings that must reach
 * the user before a later step can fail come through callbacks, the rest in the result.
 */
import { buildBundle, type BuildBundleResult } from '../bundle/build.js';
import type { BundledBase } from '../bundle/base-images.js';
import { parseDuration } from '../bundle/duration.js';
import { readSigningKey } from '../bundle/keys.js';
import { loadDefaultTrustStore } from '../bundle/trust.js';
import { checkBundlePolicy, verifyBundle, type VerifiedBundle } from '../bundle/verify.js';
import { statePaths } from '../config/paths.js';
import type { FeedWarning } from '../advisories/model.js';
import { buildAdvisoryDatabase } from '../db/build.js';
import { allImporters } from '../feeds/registry.js';
import { AIRLOCK_VERSION } from '../version.js';
import { analyzeBundledBases } from './bundled-bases.js';

export interface BuildBundleServiceOptions {
  feedsDir: string;
  keyFile: string;
  out: string;
  sequence?: number;
  /** A duration such as `30d` (src/bundle/duration.ts). */
  expiresIn: string;
  /** `[NAME=]PATH` specs of base images to carry. */
  baseImages?: string[];
  /** Called once the feeds are imported, before the bundle is compressed and signed. */
  onFeedWarnings?: (warnings: FeedWarning[]) => void;
}

export interface BuiltBundle extends BuildBundleResult {
  baseImages: BundledBase[];
  /** How many feed records were skipped with warnings. */
  feedWarnings: number;
}

export async function buildBundleFromFeeds(options: BuildBundleServiceOptions): Promise<BuiltBundle> {
  const expiresInMs = parseDuration(options.expiresIn);
  const signingKey = await readSigningKey(options.keyFile);
  const baseImages = await analyzeBundledBases(options.baseImages ?? []);
  let feedWarnings = 0;
  const built = await buildBundle({
    out: options.out,
    signingKey,
    sequence: options.sequence,
    expiresInMs,
    baseImages,
    buildDatabase: async (outFile) => {
      const result = await buildAdvisoryDatabase({ feedsDir: options.feedsDir, outFile, importers: allImporters });
      feedWarnings = result.warnings.length;
      options.onFeedWarnings?.(result.warnings);
    },
  });
  return { ...built, baseImages, feedWarnings };
}

export interface VerifyBundleOptions {
  allowExpired?: boolean;
  /** The keyring of the user's trust store; default the state directory's. */
  keyringDir?: string;
  now?: Date;
  /** The trust store's own warnings, given before the bundle is read (which may fail). */
  onTrustWarnings?: (warnings: string[]) => void;
}

export interface BundleVerification {
  bundle: VerifiedBundle;
  /** Policy warnings: expiry allowed, newer minimum version, … */
  warnings: string[];
}

export async function verifyBundleFile(file: string, options: VerifyBundleOptions = {}): Promise<BundleVerification> {
  const trust = await loadDefaultTrustStore(options.keyringDir ?? statePaths().keyring);
  options.onTrustWarnings?.(trust.warnings);
  const bundle = await verifyBundle(file, trust);
  const warnings = checkBundlePolicy(bundle, {
    now: options.now ?? new Date(),
    allowExpired: options.allowExpired ?? false,
    airlockVersion: AIRLOCK_VERSION,
  });
  return { bundle, warnings };
}
