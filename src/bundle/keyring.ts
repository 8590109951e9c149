import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, UserError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import {
  fingerprintOf,
  parsePublicKeyRecord,
  PUBLIC_KEY_TYPE,
  readPublicKeyFile,
  readSigningKey,
  writeNewFile,
  type PublicKey,
} from './keys.js';
import {
  parseRevocation,
  parseRotation,
  REVOCATION_TYPE,
  ROTATION_TYPE,
  signRevocation,
  signRotation,
  statementSignatureValid,
  type RevocationStatement,
  type RotationStatement,
} from './statements.js';
import type { TrustStore } from './trust.js';

/** What `airlock bundle trust FILE` is about to add, for the command to show before it acts. */
export type TrustFile =
  | { kind: 'public-key'; key: PublicKey; fingerprint: string }
  | { kind: 'rotation'; statement: RotationStatement; newKey: PublicKey; fingerprint: string }
  | { kind: 'revocation'; statement: RevocationStatement };

export async function inspectTrustFile(file: string): Promise<TrustFile> {
  let value: { type?: string };
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new InputError(file, `cannot read as JSON: ${(cause as Error).message}`, { cause });
  }
  const fingerprint = (key: PublicKey) => fingerprintOf(Buffer.from(key.record.publicKey, 'base64'));
  switch (value?.type) {
    case PUBLIC_KEY_TYPE: {
      const key = parsePublicKeyRecord(file, value);
      return { kind: 'public-key', key, fingerprint: fingerprint(key) };
    }
    case ROTATION_TYPE: {
      const { statement, newKey } = parseRotation(file, value);
      return { kind: 'rotation', statement, newKey, fingerprint: fingerprint(newKey) };
    }
    case REVOCATION_TYPE:
      return { kind: 'revocation', statement: parseRevocation(file, value, false) };
    default:
      throw new InputError(
        file,
        `not an airlock public key, rotation or revocation (type ${JSON.stringify(value?.type)})`,
      );
  }
}

export interface AddResult {
  item: TrustFile;
  written: string;
  alreadyPresent: boolean;
}

/**
 * Adds a key (only with the operator's fingerprint confirmation), a rotation statement or a
 * signed revocation list to the user keyring. Statements are accepted only when a key that
 * is trusted right now signed them, so the keyring never holds claims nobody vouched for.
 */
export async function addToKeyring(
  file: string,
  options: { keyringDir: string; trust: TrustStore; fingerprintVerified: boolean },
): Promise<AddResult> {
  const item = await inspectTrustFile(file);
  const { keyringDir, trust } = options;
  let name: string;
  let content: unknown;
  if (item.kind === 'public-key') {
    if (!options.fingerprintVerified) {
      throw new UserError(
        `not trusting key ${item.key.keyId} without confirmation; its fingerprint is ${item.fingerprint}`,
        {
          hint: 'compare the fingerprint with the publisher through a separate channel, then rerun with --yes-i-verified-fingerprint',
        },
      );
    }
    refuseRevoked(file, item.key.keyId, trust);
    name = `${item.key.keyId}.pub`;
    content = item.key.record;
  } else {
    const statement = item.statement;
    const signer = trust.lookup(statement.signedBy ?? '');
    if (signer.status !== 'trusted' || !statementSignatureValid(statement, signer.key.key)) {
      throw new InputError(
        file,
        `signed by ${statement.signedBy}, which is not a trusted key or whose signature does not verify`,
      );
    }
    if (item.kind === 'rotation') refuseRevoked(file, item.newKey.keyId, trust);
    const digest = createHash('sha256').update(canonicalJson(statement)).digest('hex').slice(0, 16);
    name = item.kind === 'rotation' ? `${item.newKey.keyId}.rotation.json` : `${digest}.revoked.json`;
    content = statement;
  }
  await mkdir(keyringDir, { recursive: true, mode: 0o700 });
  const written = join(keyringDir, name);
  try {
    await writeNewFile(written, `${JSON.stringify(content, null, 2)}\n`, 0o644);
    return { item, written, alreadyPresent: false };
  } catch (err) {
    if (err instanceof UserError && /already exists/.test(err.message)) return { item, written, alreadyPresent: true };
    throw err;
  }
}

function refuseRevoked(file: string, keyId: string, trust: TrustStore): void {
  const found = trust.lookup(keyId);
  if (found.status === 'revoked')
    throw new InputError(file, `key ${keyId} is revoked (${found.origin}); it cannot be trusted again`);
}

/** `airlock bundle rotate`: the old (trusted) key vouches for the new public key. */
export async function writeRotationStatement(options: {
  oldKeyFile: string;
  newPubFile: string;
  out: string;
  now?: Date;
}): Promise<RotationStatement> {
  const signer = await readSigningKey(options.oldKeyFile);
  const newKey = await readPublicKeyFile(options.newPubFile);
  if (newKey.keyId === signer.keyId)
    throw new UserError(`${options.newPubFile} is the same key as ${options.oldKeyFile}; a rotation needs a new key`);
  const statement = signRotation(signer, newKey, options.now);
  await writeNewFile(options.out, `${JSON.stringify(statement, null, 2)}\n`, 0o644);
  return statement;
}

/** `airlock bundle revoke`: a signed list of key ids that must no longer be trusted. */
export async function writeRevocation(options: {
  keyFile: string;
  keyIds: string[];
  reason?: string;
  out: string;
  now?: Date;
}): Promise<RevocationStatement> {
  const signer = await readSigningKey(options.keyFile);
  const now = options.now ?? new Date();
  for (const id of options.keyIds)
    if (!/^[0-9a-f]{16}$/.test(id))
      throw new UserError(`${JSON.stringify(id)} is not a key id (16 lowercase hex digits)`);
  const statement = signRevocation(
    signer,
    options.keyIds.map((keyId) => ({ keyId, reason: options.reason, date: now.toISOString() })),
    now,
  );
  await writeNewFile(options.out, `${JSON.stringify(statement, null, 2)}\n`, 0o644);
  return statement;
}
