import { verify } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadTrustStore, packageKeysDir, type TrustedKey } from '../bundle/trust.js';
import { InputError } from '../errors.js';
import { parseChecksumLine, sha256File } from './checksum.js';

/**
 * `airlock release verify FILE`: an installed airlock checks a new release before the
 * operator unpacks it, trusting keys exactly as bundles do (bundles/keys/ plus the keyring;
 * the DEMO key only with AIRLOCK_ALLOW_DEMO_KEY=1). Order: the signature over the `.sha256`
 * file first, so its text is parsed only once it is authentic; then the name it pins
 * (a renamed older release does not pass); then the tarball's sha256, streamed.
 */
export interface VerifiedRelease {
  file: string;
  sha256: string;
  signer: TrustedKey;
}

export interface ReleaseVerifyOptions {
  keyringDir: string;
  allowDemoKeys: boolean;
  checksumFile?: string;
  signatureFile?: string;
}

const MAX_CHECKSUM_BYTES = 4096;
const TRUST_HINT =
  'trust the release signer with `airlock bundle trust SIGNER.pub --yes-i-verified-fingerprint` after comparing its fingerprint out of band';

export async function verifyRelease(file: string, options: ReleaseVerifyOptions): Promise<VerifiedRelease> {
  const checksumFile = options.checksumFile ?? `${file}.sha256`;
  const signatureFile = options.signatureFile ?? `${checksumFile}.sig`;
  const checksum = await readSmall(checksumFile, MAX_CHECKSUM_BYTES);
  const signature = await readSmall(signatureFile, 64);
  if (signature.length !== 64)
    throw new InputError(signatureFile, `is ${signature.length} bytes; an Ed25519 signature is 64`);

  // Every shipped or keyring key, demo included, to say *which* key signed; policy comes after.
  const sources = { packageKeysDir: packageKeysDir(), keyringDir: options.keyringDir };
  const candidates = (await loadTrustStore({ ...sources, allowDemoKeys: true })).trusted();
  const signer = candidates.find((k) => verify(null, checksum, k.key, signature));
  if (!signer) {
    throw new InputError(
      signatureFile,
      `does not verify ${basename(checksumFile)} against any trusted key (${candidates.length} tried): the checksum file was modified, or an unknown or revoked key signed it`,
      { hint: TRUST_HINT },
    );
  }
  if (signer.record.demo && !options.allowDemoKeys) {
    throw new InputError(file, `signed by the DEMO key ${signer.keyId}, whose private key is public`, {
      hint: 'for a demonstration only, set AIRLOCK_ALLOW_DEMO_KEY=1',
    });
  }

  const line = parseChecksumLine(checksumFile, checksum.toString('utf8'));
  if (line.name !== basename(file))
    throw new InputError(file, `the signed checksum is for ${line.name}, not ${basename(file)}`);
  const actual = await sha256File(file);
  if (actual !== line.digest)
    throw new InputError(
      file,
      `sha256 ${actual} does not match the signed checksum ${line.digest}: the file was modified or is incomplete`,
    );
  return { file, sha256: actual, signer };
}

/** Reads at most `limit` bytes (plus one, to notice a bigger file) of a small side file. */
async function readSmall(file: string, limit: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    throw new InputError(file, `cannot read: ${(cause as Error).message}`, {
      cause,
      hint: 'the .sha256 and .sha256.sig files are published beside the release tarball',
    });
  }
  try {
    const buf = Buffer.alloc(limit + 1);
    const { bytesRead } = await handle.read(buf, 0, limit + 1, 0);
    if (bytesRead > limit) throw new InputError(file, `is over ${limit} bytes; not a release checksum or signature`);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
