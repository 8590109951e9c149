import { sign, type KeyObject } from 'node:crypto';
import { readSigningKey, type SigningKey } from '../bundle/keys.js';

/**
 * A release is signed the way `openssl pkeyutl -sign -rawin` signs: a raw 64-byte Ed25519
 * signature over the bytes of the `.sha256` file. The signature covers the checksum line,
 * not the tarball, so neither side reads tens of megabytes into memory (Ed25519 is
 * one-shot, and pkeyutl -rawin loads its whole input); the line in turn pins the tarball's
 * sha256 and its file name, which carries the version.
 */
export function signChecksumFile(checksumBytes: Buffer, key: SigningKey): Buffer {
  return sign(null, checksumBytes, key.privateKey);
}

/** The signer's public key as SPKI PEM, the form `openssl pkeyutl -pubin -inkey` reads. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

export { readSigningKey };
