import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePublicKeyRecord, type PublicKey } from './keys.js';
import {
  parseRevocation,
  parseRotation,
  statementSignatureValid,
  type ParsedRotation,
  type RevocationStatement,
} from './statements.js';

/**
 * Which keys may sign bundles.
 *
 * Keys come from two directories: `bundles/keys/` shipped in the package (trusted content)
 * and the user keyring (`statePaths().keyring`). In each, `*.pub` files are trusted keys,
 * `*.rotation.json` admits a new key when signed by a trusted one (chains allowed), and
 * `revoked.json` / `*.revoked.json` withdraw trust. A revoked key is refused even if a .pub
 * or rotation admits it, and its rotation statements admit nothing — so a stolen key cannot
 * vouch for an attacker's key once it is revoked. Revocation lists in the keyring must be
 * signed by a trusted key; the package's may be plain.
 */
export interface TrustedKey extends PublicKey {
  /** The file that admitted it (a .pub or a rotation statement). */
  origin: string;
  /** Key id of the key that signed the rotation statement, when admitted by rotation. */
  rotatedFrom?: string;
}

export type KeyLookup =
  | { status: 'trusted'; key: TrustedKey }
  | { status: 'revoked'; keyId: string; reason?: string; origin: string }
  | { status: 'demo-refused'; key: TrustedKey }
  | { status: 'unknown'; keyId: string };

export interface TrustStore {
  lookup(keyId: string): KeyLookup;
  trusted(): TrustedKey[];
  /** Files in the key directories that were ignored, and why. */
  warnings: string[];
}

export interface TrustSources {
  packageKeysDir?: string;
  keyringDir?: string;
  /** Demo keys have a published private key; they sign bundles only when this is set. */
  allowDemoKeys?: boolean;
}

/** `bundles/keys` of the installed package: dist/bundle/trust.js (or src/bundle/trust.ts) → ../../bundles/keys. */
export function packageKeysDir(): string {
  return fileURLToPath(new URL('../../bundles/keys/', import.meta.url));
}

interface Revocation {
  statement: RevocationStatement;
  origin: string;
}

export async function loadTrustStore(sources: TrustSources): Promise<TrustStore> {
  const warnings: string[] = [];
  const pubs: TrustedKey[] = [];
  const rotations: { parsed: ParsedRotation; origin: string }[] = [];
  const revocations: Revocation[] = [];
  const dirs = [
    { dir: sources.packageKeysDir, shipped: true },
    { dir: sources.keyringDir, shipped: false },
  ];
  for (const { dir, shipped } of dirs) {
    if (!dir) continue;
    for (const name of await listDir(dir)) {
      const file = join(dir, name);
      try {
        if (name.endsWith('.pub')) pubs.push({ ...parsePublicKeyRecord(file, await readJson(file)), origin: file });
        else if (name.endsWith('.rotation.json'))
          rotations.push({ parsed: parseRotation(file, await readJson(file)), origin: file });
        else if (name === 'revoked.json' || name.endsWith('.revoked.json'))
          revocations.push({ statement: parseRevocation(file, await readJson(file), shipped), origin: file });
      } catch (err) {
        warnings.push(`ignored ${(err as Error).message}`);
      }
    }
  }
  return resolveTrust(pubs, rotations, revocations, sources.allowDemoKeys ?? false, warnings);
}

/**
 * Fixed point: the revoked set only grows, and each round recomputes the trusted set from
 * scratch under it, so a revocation learnt late also cuts off rotations it signed before.
 */
function resolveTrust(
  pubs: TrustedKey[],
  rotations: { parsed: ParsedRotation; origin: string }[],
  revocations: Revocation[],
  allowDemoKeys: boolean,
  warnings: string[],
): TrustStore {
  const revoked = new Map<string, { reason?: string; origin: string }>();
  const applied = new Set<Revocation>();
  let trusted = new Map<string, TrustedKey>();
  for (;;) {
    trusted = new Map();
    const admit = (key: TrustedKey) => {
      if (!revoked.has(key.keyId) && !trusted.has(key.keyId)) trusted.set(key.keyId, key);
    };
    pubs.forEach(admit);
    let grew = true;
    while (grew) {
      grew = false;
      for (const { parsed, origin } of rotations) {
        const signer = trusted.get(parsed.statement.signedBy);
        if (!signer || trusted.has(parsed.newKey.keyId) || revoked.has(parsed.newKey.keyId)) continue;
        if (signer.record.demo && !allowDemoKeys) continue;
        if (!statementSignatureValid(parsed.statement, signer.key)) continue;
        admit({ ...parsed.newKey, origin, rotatedFrom: signer.keyId });
        grew = true;
      }
    }
    let revokedMore = false;
    for (const revocation of revocations) {
      if (applied.has(revocation) || !revocationAccepted(revocation, trusted)) continue;
      applied.add(revocation);
      for (const entry of revocation.statement.revoked) {
        if (!revoked.has(entry.keyId)) revoked.set(entry.keyId, { reason: entry.reason, origin: revocation.origin });
      }
      revokedMore = true;
    }
    if (!revokedMore) break;
  }
  for (const { parsed, origin } of rotations) {
    if (!trusted.has(parsed.newKey.keyId) && !revoked.has(parsed.newKey.keyId)) {
      warnings.push(
        `ignored ${origin}: rotation signed by ${parsed.statement.signedBy}, which is not a trusted key or whose signature does not verify`,
      );
    }
  }
  for (const revocation of revocations) {
    if (!applied.has(revocation))
      warnings.push(
        `ignored ${revocation.origin}: revocation list signed by ${revocation.statement.signedBy}, which is not a trusted key or whose signature does not verify`,
      );
  }
  return {
    warnings,
    trusted: () => [...trusted.values()].filter((k) => allowDemoKeys || !k.record.demo),
    lookup(keyId) {
      const hit = revoked.get(keyId);
      if (hit) return { status: 'revoked', keyId, reason: hit.reason, origin: hit.origin };
      const key = trusted.get(keyId);
      if (!key) return { status: 'unknown', keyId };
      if (key.record.demo && !allowDemoKeys) return { status: 'demo-refused', key };
      return { status: 'trusted', key };
    },
  };
}

function revocationAccepted({ statement }: Revocation, trusted: Map<string, TrustedKey>): boolean {
  if (statement.signature === undefined) return true; // parseRevocation allowed it only for shipped files
  const signer = trusted.get(statement.signedBy ?? '');
  return signer !== undefined && statementSignatureValid(statement, signer.key);
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file}: not valid JSON`);
  }
}

/** The trust store the CLI uses: package keys, the user keyring, demo keys only with AIRLOCK_ALLOW_DEMO_KEY=1. */
export function loadDefaultTrustStore(keyringDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TrustStore> {
  return loadTrustStore({
    packageKeysDir: packageKeysDir(),
    keyringDir,
    allowDemoKeys: env.AIRLOCK_ALLOW_DEMO_KEY === '1',
  });
}
