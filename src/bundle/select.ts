import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { BUNDLE_MAGIC } from './format.js';
import type { TrustStore } from './trust.js';
import {
  checkBundlePolicy,
  verifyBundle,
  verifyPayloadDigest,
  type PolicyOptions,
  type VerifiedBundle,
} from './verify.js';

export interface SkippedBundle {
  file: string;
  reason: string;
}

export interface Selection {
  bundle: VerifiedBundle;
  skipped: SkippedBundle[];
}

/**
 * The newest valid bundle in a directory (a USB stick with several drops on it).
 * Files not starting with the bundle magic are ignored; bundles that fail any check are
 * skipped with their reason. Headers are ranked first and payload digests checked newest
 * first, so only the chosen bundle (and any newer broken ones) are read in full.
 */
export async function selectNewestBundle(dir: string, trust: TrustStore, policy: PolicyOptions): Promise<Selection> {
  const skipped: SkippedBundle[] = [];
  const candidates: VerifiedBundle[] = [];
  for (const name of (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()) {
    const file = join(dir, name);
    if (!(await startsWithMagic(file))) continue;
    try {
      const bundle = await verifyBundle(file, trust, { payload: false });
      checkBundlePolicy(bundle, policy);
      candidates.push(bundle);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      skipped.push({ file, reason: err.detail });
    }
  }
  candidates.sort((a, b) => b.manifest.sequence - a.manifest.sequence);
  for (const bundle of candidates) {
    try {
      await verifyPayloadDigest(bundle);
      return { bundle, skipped };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      skipped.push({ file: bundle.file, reason: err.detail });
    }
  }
  const reasons = skipped.map((s) => `${s.file}: ${s.reason}`).join('; ');
  throw new InputError(
    dir,
    skipped.length ? `no valid bundle among ${skipped.length} candidate(s): ${reasons}` : 'contains no airlock bundle',
  );
}

async function startsWithMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(BUNDLE_MAGIC.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return bytesRead === buffer.length && buffer.equals(BUNDLE_MAGIC);
  } finally {
    await handle.close();
  }
}
