/**
 * `release verify`: a downloaded airlock release against its signed checksum, with the keys
 * airlock trusts for bundles (the DEMO key only when AIRLOCK_ALLOW_DEMO_KEY=1).
 */
import { fingerprintOf } from '../bundle/keys.js';
import { statePaths } from '../config/paths.js';
import { verifyRelease, type VerifiedRelease } from '../release/verify.js';

export interface ReleaseVerifyServiceOptions {
  /** Default FILE.sha256. */
  checksumFile?: string;
  /** Default FILE.sha256.sig. */
  signatureFile?: string;
  /** Default: the state directory's keyring. */
  keyringDir?: string;
  /** Default: process.env (AIRLOCK_ALLOW_DEMO_KEY). */
  env?: NodeJS.ProcessEnv;
}

export interface ReleaseVerification extends VerifiedRelease {
  /** The signer's fingerprint, to compare with the one the publisher gave. */
  fingerprint: string;
  /** Signed with a DEMO key: never to be installed on a real appliance. */
  demo: boolean;
}

export async function verifyReleaseFile(
  file: string,
  options: ReleaseVerifyServiceOptions = {},
): Promise<ReleaseVerification> {
  const result = await verifyRelease(file, {
    keyringDir: options.keyringDir ?? statePaths().keyring,
    allowDemoKeys: (options.env ?? process.env).AIRLOCK_ALLOW_DEMO_KEY === '1',
    checksumFile: options.checksumFile,
    signatureFile: options.signatureFile,
  });
  return {
    ...result,
    fingerprint: fingerprintOf(Buffer.from(result.signer.record.publicKey, 'base64')),
    demo: Boolean(result.signer.record.demo),
  };
}
