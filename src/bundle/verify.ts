import { createHash, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import semver from 'semver';
import { InputError } from '../errors.js';
import { parseManifest, readBundleHead, type BundleHead, type BundleManifest } from './format.js';
import type { TrustedKey, TrustStore } from './trust.js';

export interface VerifiedBundle {
  file: string;
  manifest: BundleManifest;
  signer: TrustedKey;
  head: BundleHead;
}

const TRUST_HINT =
  'trust the signer with `airlock bundle trust SIGNER.pub --yes-i-verified-fingerprint`, or import a bundle from a trusted signer';

/**
 * Checks everything that makes a bundle authentic and intact, in an order that never
 * lets unauthenticated bytes reach a parser: header → signer trust → signature →
 * manifest JSON → file length → payload digest. Policy (expiry, sequence) is separate.
 */
export async function verifyBundle(
  file: string,
  trust: TrustStore,
  options: { payload?: boolean } = {},
): Promise<VerifiedBundle> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    throw new InputError(file, `cannot read: ${(cause as Error).message}`, { cause });
  }
  let head: BundleHead;
  try {
    head = await readBundleHead(file, handle);
  } finally {
    await handle.close();
  }
  const signer = trustedSigner(file, head.keyId, trust);
  if (!verify(null, head.signedBytes, signer.key, head.signature)) {
    throw new InputError(
      file,
      `signature does not verify against key ${head.keyId}: the bundle header or manifest was modified`,
    );
  }
  const manifest = parseManifest(file, head.manifestBytes, head);
  const expectedSize = head.payloadOffset + manifest.payload.length;
  if (head.fileSize < expectedSize)
    throw new InputError(file, `truncated: ${head.fileSize} bytes, the manifest declares ${expectedSize}`);
  if (head.fileSize > expectedSize)
    throw new InputError(
      file,
      `${head.fileSize - expectedSize} unexpected bytes after the payload (the manifest declares ${expectedSize} bytes in all)`,
    );
  const bundle = { file, manifest, signer, head };
  if (options.payload !== false) await verifyPayloadDigest(bundle);
  return bundle;
}

/** The expensive half of verification; `verifyBundle(…, { payload: false })` leaves it out to rank many files first. */
export async function verifyPayloadDigest({ file, head, manifest }: VerifiedBundle): Promise<void> {
  const digest = await sha256OfRange(file, head.payloadOffset, manifest.payload.length);
  if (digest !== manifest.payload.sha256)
    throw new InputError(
      file,
      `payload sha256 ${digest} does not match the signed manifest (${manifest.payload.sha256}): the payload was modified`,
    );
}

function trustedSigner(file: string, keyId: string, trust: TrustStore): TrustedKey {
  const found = trust.lookup(keyId);
  switch (found.status) {
    case 'trusted':
      return found.key;
    case 'unknown':
      throw new InputError(file, `signed by unknown key ${keyId}`, { hint: TRUST_HINT });
    case 'revoked':
      throw new InputError(
        file,
        `signed by revoked key ${keyId}${found.reason ? ` (${found.reason})` : ''}, revoked by ${found.origin}`,
      );
    case 'demo-refused':
      throw new InputError(file, `signed by the DEMO key ${keyId}, whose private key is public`, {
        hint: 'for a demonstration only, set AIRLOCK_ALLOW_DEMO_KEY=1',
      });
  }
}

export async function sha256OfRange(file: string, start: number, length: number): Promise<string> {
  const hash = createHash('sha256');
  if (length > 0) {
    for await (const chunk of createReadStream(file, { start, end: start + length - 1 })) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export interface PolicyOptions {
  now: Date;
  allowExpired?: boolean;
  airlockVersion: string;
}

/** Import policy on an authentic bundle. Returns warnings for what the caller chose to allow. */
export function checkBundlePolicy(bundle: VerifiedBundle, options: PolicyOptions): string[] {
  const { manifest, file } = bundle;
  const warnings: string[] = [];
  if (semver.lt(options.airlockVersion, manifest.minAirlockVersion)) {
    throw new InputError(
      file,
      `needs airlock ${manifest.minAirlockVersion} or newer; this is ${options.airlockVersion}`,
      { hint: 'upgrade airlock' },
    );
  }
  if (Date.parse(manifest.expires) <= options.now.getTime()) {
    const message = `bundle expired on ${manifest.expires}`;
    if (!options.allowExpired)
      throw new InputError(file, message, { hint: 'get a newer bundle, or pass --allow-expired to use it anyway' });
    warnings.push(`${message}; using it because --allow-expired was given`);
  }
  return warnings;
}
