import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { InputError, UserError } from '../errors.js';

/**
 * Ed25519 signer keys.
 *
 * A key pair is two files: `PREFIX.key` (PKCS8 PEM, mode 0600) and `PREFIX.pub`,
 * a small JSON document that can be handed around and committed:
 *   {"algorithm":"ed25519","comment":…,"created":…,"keyId":…,"publicKey":<base64 of the raw 32 bytes>,"type":"airlock-bundle-signer"}
 * The key id is the first 16 hex digits of sha256(raw public key); the fingerprint an
 * operator compares out of band is the whole digest.
 */
export const PUBLIC_KEY_TYPE = 'airlock-bundle-signer';

export interface PublicKeyRecord {
  type: typeof PUBLIC_KEY_TYPE;
  algorithm: 'ed25519';
  keyId: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  created: string;
  comment?: string;
  /** A demo key whose private half is published; trusted only on explicit opt-in. */
  demo?: boolean;
}

/** A public key that parsed and whose key id matches its bytes. */
export interface PublicKey {
  keyId: string;
  key: KeyObject;
  record: PublicKeyRecord;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: PublicKey;
}

export function keyIdOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16);
}

/** sha256 of the raw public key in groups of four hex digits, for reading aloud. */
export function fingerprintOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex').match(/.{4}/g)!.join(' ');
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyRecordOf(key: KeyObject, created: string, comment?: string): PublicKeyRecord {
  const raw = rawPublicKey(key);
  return {
    type: PUBLIC_KEY_TYPE,
    algorithm: 'ed25519',
    keyId: keyIdOf(raw),
    publicKey: raw.toString('base64'),
    created,
    comment,
  };
}

/** Validates a public key record (from a .pub file or a rotation statement). `file` names where it came from. */
export function parsePublicKeyRecord(file: string, value: unknown): PublicKey {
  const r = value as Partial<PublicKeyRecord> | null;
  if (!r || typeof r !== 'object' || r.type !== PUBLIC_KEY_TYPE)
    throw new InputError(file, `not an airlock public key (expected "type": "${PUBLIC_KEY_TYPE}")`);
  if (r.algorithm !== 'ed25519')
    throw new InputError(file, `unsupported key algorithm ${JSON.stringify(r.algorithm)}; only ed25519 is accepted`);
  if (typeof r.publicKey !== 'string' || typeof r.keyId !== 'string' || typeof r.created !== 'string')
    throw new InputError(file, 'public key record lacks publicKey, keyId or created');
  const raw = Buffer.from(r.publicKey, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== r.publicKey)
    throw new InputError(file, 'publicKey is not the base64 of 32 raw bytes');
  const keyId = keyIdOf(raw);
  if (keyId !== r.keyId)
    throw new InputError(file, `keyId ${r.keyId} does not match the key bytes (their id is ${keyId})`);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { keyId, key, record: r as PublicKeyRecord };
}

export async function readPublicKeyFile(file: string): Promise<PublicKey> {
  const text = await readUserFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InputError(file, 'not valid JSON (expected an airlock .pub file)', { cause });
  }
  return parsePublicKeyRecord(file, value);
}

export async function readSigningKey(file: string): Promise<SigningKey> {
  const pem = await readUserFile(file);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new InputError(file, 'not a PEM private key', { cause });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new InputError(file, `is a ${privateKey.asymmetricKeyType} key; bundles are signed with ed25519`);
  const record = publicKeyRecordOf(createPublicKey(privateKey), new Date(0).toISOString());
  return { keyId: record.keyId, privateKey, publicKey: parsePublicKeyRecord(file, record) };
}

export interface KeygenResult {
  keyFile: string;
  pubFile: string;
  keyId: string;
  fingerprint: string;
}

/** Writes PREFIX.key (0600) and PREFIX.pub; refuses to overwrite either. */
export async function keygen(outPrefix: string, options: { comment?: string; now?: Date } = {}): Promise<KeygenResult> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyFile = `${outPrefix}.key`;
  const pubFile = `${outPrefix}.pub`;
  const record = publicKeyRecordOf(publicKey, (options.now ?? new Date()).toISOString(), options.comment);
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  await writeNewFile(keyFile, pem, 0o600);
  try {
    await writeNewFile(pubFile, `${JSON.stringify(record, null, 2)}\n`, 0o644);
  } catch (err) {
    await rm(keyFile, { force: true });
    throw err;
  }
  return { keyFile, pubFile, keyId: record.keyId, fingerprint: fingerprintOf(rawPublicKey(publicKey)) };
}

/** Creates a file that must not exist yet ('wx'), so a key is never silently replaced. */
export async function writeNewFile(file: string, content: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'wx', mode);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UserError(`${file} already exists; refusing to overwrite it`, {
        hint: 'choose another --out or move the old file away',
      });
    throw new UserError(`cannot create ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readUserFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputError(file, `cannot read: ${(cause as Error).message}`, { cause });
  }
}
