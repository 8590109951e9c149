/**
 * `bundle keygen`, `bundle trust`, `bundle rotate`, `bundle revoke`: the signer keys of
 * advisory bundles and the statements that move or withdraw trust in them.
 */
import {
  addToKeyring,
  inspectTrustFile,
  writeRevocation,
  writeRotationStatement,
  type AddResult,
  type TrustFile,
} from '../bundle/keyring.js';
import { keygen, type KeygenResult } from '../bundle/keys.js';
import type { RevocationStatement, RotationStatement } from '../bundle/statements.js';
import { loadDefaultTrustStore } from '../bundle/trust.js';
import { statePaths } from '../config/paths.js';

export function createSigningKey(outPrefix: string, options: { comment?: string } = {}): Promise<KeygenResult> {
  return keygen(outPrefix, { comment: options.comment });
}

export interface TrustOptions {
  /** The user confirmed the fingerprint out of band (needed for a .pub). */
  fingerprintVerified: boolean;
  /** Default: the state directory's keyring. */
  keyringDir?: string;
  /** What the file is, given before anything is checked against the trust store (which may refuse it). */
  onInspected?: (item: TrustFile) => void;
}

export async function trustFile(file: string, options: TrustOptions): Promise<AddResult> {
  const item = await inspectTrustFile(file);
  options.onInspected?.(item);
  const keyringDir = options.keyringDir ?? statePaths().keyring;
  const trust = await loadDefaultTrustStore(keyringDir);
  return addToKeyring(file, { keyringDir, trust, fingerprintVerified: options.fingerprintVerified });
}

export function rotateSigningKey(options: {
  oldKeyFile: string;
  newPubFile: string;
  out: string;
}): Promise<RotationStatement> {
  return writeRotationStatement(options);
}

export function revokeSigningKeys(options: {
  keyFile: string;
  keyIds: string[];
  reason?: string;
  out: string;
}): Promise<RevocationStatement> {
  return writeRevocation(options);
}
