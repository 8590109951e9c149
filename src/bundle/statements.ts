import { sign, verify, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { parsePublicKeyRecord, type PublicKey, type PublicKeyRecord, type SigningKey } from './keys.js';

/**
 * Signed trust statements, kept as small JSON files next to the public keys.
 *
 * Rotation (`*.rotation.json`): an already-trusted key vouches for a new key.
 * Revocation (`revoked.json`, `*.revoked.json`): a trusted key withdraws trust from key ids.
 * The signature is Ed25519 over `"<type>-v1\n" + canonicalJson(statement without "signature")`;
 * the prefix keeps a statement signature from ever being valid as a bundle signature
 * (bundles start with the bytes `AIRLOCKB`) or as the other statement type.
 */
export const ROTATION_TYPE = 'airlock-key-rotation';
export const REVOCATION_TYPE = 'airlock-key-revocation';

export interface RotationStatement {
  type: typeof ROTATION_TYPE;
  newKey: PublicKeyRecord;
  signedBy: string;
  created: string;
  signature: string;
}

export interface RevokedKey {
  keyId: string;
  reason?: string;
  date?: string;
}

export interface RevocationStatement {
  type: typeof REVOCATION_TYPE;
  revoked: RevokedKey[];
  /** Absent only in a plain `revoked.json` shipped in the package's `bundles/keys/`. */
  signedBy?: string;
  created?: string;
  signature?: string;
}

function signedBytes(statement: { type: string; signature?: string }): Buffer {
  const { signature: _omit, ...body } = statement;
  return Buffer.from(`${statement.type}-v1\n${canonicalJson(body)}`, 'utf8');
}

export function signRotation(signer: SigningKey, newKey: PublicKey, now = new Date()): RotationStatement {
  const body = {
    type: ROTATION_TYPE,
    newKey: newKey.record,
    signedBy: signer.keyId,
    created: now.toISOString(),
  } as const;
  return { ...body, signature: sign(null, signedBytes(body), signer.privateKey).toString('base64') };
}

export function signRevocation(signer: SigningKey, revoked: RevokedKey[], now = new Date()): RevocationStatement {
  const body = { type: REVOCATION_TYPE, revoked, signedBy: signer.keyId, created: now.toISOString() } as const;
  return { ...body, signature: sign(null, signedBytes(body), signer.privateKey).toString('base64') };
}

export function statementSignatureValid(
  statement: RotationStatement | RevocationStatement,
  signer: KeyObject,
): boolean {
  if (!statement.signature) return false;
  const signature = Buffer.from(statement.signature, 'base64');
  return signature.length === 64 && verify(null, signedBytes(statement), signer, signature);
}

export interface ParsedRotation {
  statement: RotationStatement;
  newKey: PublicKey;
}

export function parseRotation(file: string, value: unknown): ParsedRotation {
  const s = value as Partial<RotationStatement> | null;
  if (!s || typeof s !== 'object' || s.type !== ROTATION_TYPE)
    throw new InputError(file, `not a key rotation statement (expected "type": "${ROTATION_TYPE}")`);
  if (typeof s.signedBy !== 'string' || typeof s.signature !== 'string' || typeof s.created !== 'string')
    throw new InputError(file, 'rotation statement lacks signedBy, signature or created');
  return { statement: s as RotationStatement, newKey: parsePublicKeyRecord(`${file} (newKey)`, s.newKey) };
}

/** `allowUnsigned` is true only for files shipped in the package, which are trusted content already. */
export function parseRevocation(file: string, value: unknown, allowUnsigned: boolean): RevocationStatement {
  const s = value as Partial<RevocationStatement> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.revoked))
    throw new InputError(file, 'not a revocation list (expected a "revoked" array)');
  for (const entry of s.revoked) {
    if (!entry || typeof entry.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(entry.keyId))
      throw new InputError(file, `revoked entry ${JSON.stringify(entry)} lacks a 16-hex-digit keyId`);
  }
  const signed = s.signature !== undefined || s.signedBy !== undefined;
  if (!signed && !allowUnsigned)
    throw new InputError(file, 'revocation list is not signed; only the package may ship an unsigned one');
  if (signed && (s.type !== REVOCATION_TYPE || typeof s.signedBy !== 'string' || typeof s.signature !== 'string')) {
    throw new InputError(file, `signed revocation list needs "type": "${REVOCATION_TYPE}", signedBy and signature`);
  }
  return { type: REVOCATION_TYPE, ...s } as RevocationStatement;
}
