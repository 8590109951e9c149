/** Signer keys as services: keygen, trust (with what the file is told first), rotation, revocation. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../bundle/testdata/fixtures.js';
import type { TrustFile } from '../bundle/keyring.js';
import { createSigningKey, revokeSigningKeys, rotateSigningKey, trustFile } from './bundle-keys.js';

describe('bundle key services', () => {
  it('create a key, trust it only once its fingerprint is confirmed, rotate to a new key and revoke the old', async () => {
    const dir = await tempDir('keys');
    const keyringDir = join(dir, 'keyring');
    const old = await createSigningKey(join(dir, 'old'), { comment: 'release 2025' });
    expect(old.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    expect(JSON.parse(await readFile(old.pubFile, 'utf8'))).toMatchObject({ comment: 'release 2025' });

    const seen: TrustFile[] = [];
    await expect(
      trustFile(old.pubFile, { keyringDir, fingerprintVerified: false, onInspected: (i) => seen.push(i) }),
    ).rejects.toThrow(/fingerprint/);
    // What the file is was told before the refusal, so the user can compare the fingerprint.
    expect(seen).toMatchObject([{ kind: 'public-key', fingerprint: old.fingerprint, key: { keyId: old.keyId } }]);
    const added = await trustFile(old.pubFile, { keyringDir, fingerprintVerified: true });
    expect(added.alreadyPresent).toBe(false);
    expect((await trustFile(old.pubFile, { keyringDir, fingerprintVerified: true })).alreadyPresent).toBe(true);

    const next = await createSigningKey(join(dir, 'new'));
    const rotation = await rotateSigningKey({
      oldKeyFile: old.keyFile,
      newPubFile: next.pubFile,
      out: join(dir, 'new.rotation.json'),
    });
    expect(rotation).toMatchObject({ signedBy: old.keyId, newKey: { keyId: next.keyId } });
    const rotationSeen: TrustFile[] = [];
    await trustFile(join(dir, 'new.rotation.json'), {
      keyringDir,
      fingerprintVerified: false,
      onInspected: (i) => rotationSeen.push(i),
    });
    expect(rotationSeen).toMatchObject([{ kind: 'rotation', fingerprint: next.fingerprint }]);

    const revoked = await revokeSigningKeys({
      keyFile: next.keyFile,
      keyIds: [old.keyId],
      reason: 'laptop stolen',
      out: join(dir, 'old.revoked.json'),
    });
    expect(revoked).toMatchObject({ signedBy: next.keyId, revoked: [{ keyId: old.keyId }] });
    await trustFile(join(dir, 'old.revoked.json'), { keyringDir, fingerprintVerified: false });
    expect((await readdir(keyringDir)).length).toBe(3);
  });
});
