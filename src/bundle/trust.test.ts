import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addToKeyring, writeRevocation, writeRotationStatement } from './keyring.js';
import { fingerprintOf, keygen, readPublicKeyFile, readSigningKey } from './keys.js';
import { loadTrustStore, packageKeysDir } from './trust.js';
import { verifyBundle } from './verify.js';
import { makeBundle, makeSigner, tempDir } from './testdata/fixtures.js';

const NOW = new Date('2025-08-26T12:00:00Z');
type Signer = Awaited<ReturnType<typeof makeSigner>>;

describe('keys', () => {
  it('keygen writes a 0600 PKCS8 key and a .pub whose key id is sha256 of the raw key, and refuses to overwrite', async () => {
    const dir = await tempDir('keys');
    const made = await keygen(join(dir, 'signer'), { comment: 'release key' });
    expect((await stat(made.keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(made.keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const pub = await readPublicKeyFile(made.pubFile);
    expect(pub.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(made.fingerprint.replaceAll(' ', '').slice(0, 16)).toBe(pub.keyId);
    expect(pub.record.comment).toBe('release key');
    await expect(keygen(join(dir, 'signer'))).rejects.toThrow(
      `${made.keyFile} already exists; refusing to overwrite it`,
    );
  });

  it('a .pub whose keyId does not match its bytes is refused', async () => {
    const dir = await tempDir('keys');
    const made = await keygen(join(dir, 'a'));
    const record = JSON.parse(await readFile(made.pubFile, 'utf8'));
    record.keyId = '0000000000000000';
    await writeFile(made.pubFile, JSON.stringify(record));
    await expect(readPublicKeyFile(made.pubFile)).rejects.toThrow(
      /keyId 0000000000000000 does not match the key bytes \(their id is [0-9a-f]{16}\)/,
    );
  });

  it('the package keys directory resolves to bundles/keys, whose demo key is refused unless opted in', async () => {
    expect(packageKeysDir()).toBe(join(process.cwd(), 'bundles', 'keys') + '/');
    const demo = await readPublicKeyFile(join(packageKeysDir(), 'demo.pub'));
    expect(demo.record.demo).toBe(true);
    expect((await loadTrustStore({ packageKeysDir: packageKeysDir() })).lookup(demo.keyId).status).toBe('demo-refused');
    expect(
      (await loadTrustStore({ packageKeysDir: packageKeysDir(), allowDemoKeys: true })).lookup(demo.keyId).status,
    ).toBe('trusted');
    // The published demo private key is the other half of bundles/keys/demo.pub.
    expect((await readSigningKey(join(process.cwd(), 'bundles', 'demo', 'demo-signer.key'))).keyId).toBe(demo.keyId);
  });
});

describe('rotation and revocation', () => {
  let dir: string;
  let shipped: string;
  let old: Signer;
  let next: Signer;
  let third: Signer;
  let nextBundle: string;

  beforeAll(async () => {
    dir = await tempDir('rotation');
    shipped = join(dir, 'package-keys');
    await mkdir(shipped);
    old = await makeSigner(shipped, 'old');
    next = await makeSigner(dir, 'next');
    third = await makeSigner(dir, 'third');
    nextBundle = join(dir, 'next.airlock');
    await makeBundle(nextBundle, next, { now: NOW, sequence: 5, kevLimit: 20 });
  });

  async function keyring(name: string): Promise<string> {
    const ring = join(dir, name);
    await mkdir(ring);
    return ring;
  }

  it('a new key is trusted only through a rotation signed by a trusted key', async () => {
    const ring = await keyring('ring-rotation');
    expect((await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring })).lookup(next.keyId).status).toBe(
      'unknown',
    );
    await expect(
      verifyBundle(nextBundle, await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring })),
    ).rejects.toThrow(`signed by unknown key ${next.keyId}`);

    await writeRotationStatement({
      oldKeyFile: old.keyFile,
      newPubFile: next.pubFile,
      out: join(ring, 'next.rotation.json'),
      now: NOW,
    });
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    const found = trust.lookup(next.keyId);
    expect(found.status).toBe('trusted');
    expect(found.status === 'trusted' && found.key.rotatedFrom).toBe(old.keyId);
    expect((await verifyBundle(nextBundle, trust)).signer.keyId).toBe(next.keyId);
  });

  it('rotations chain: old → next → third', async () => {
    const ring = await keyring('ring-chain');
    await writeRotationStatement({
      oldKeyFile: next.keyFile,
      newPubFile: third.pubFile,
      out: join(ring, 'third.rotation.json'),
    });
    await writeRotationStatement({
      oldKeyFile: old.keyFile,
      newPubFile: next.pubFile,
      out: join(ring, 'next.rotation.json'),
    });
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    expect(trust.lookup(third.keyId).status).toBe('trusted');
    expect(trust.warnings).toEqual([]);
  });

  it('a rotation signed by an untrusted key, or with a forged signature, admits nothing', async () => {
    const ring = await keyring('ring-forged');
    await writeRotationStatement({
      oldKeyFile: third.keyFile,
      newPubFile: next.pubFile,
      out: join(ring, 'self-vouched.rotation.json'),
    });
    const forged = join(ring, 'forged.rotation.json');
    await writeRotationStatement({ oldKeyFile: old.keyFile, newPubFile: third.pubFile, out: forged });
    const statement = JSON.parse(await readFile(forged, 'utf8'));
    statement.newKey = (await readPublicKeyFile(next.pubFile)).record; // swap the vouched-for key
    await writeFile(forged, JSON.stringify(statement));
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    expect(trust.lookup(next.keyId).status).toBe('unknown');
    expect(trust.lookup(third.keyId).status).toBe('unknown');
    expect(trust.warnings).toHaveLength(2);
    expect(trust.warnings[0]).toContain(
      `rotation signed by ${old.keyId}, which is not a trusted key or whose signature does not verify`,
    );
  });

  it('a plain revoked.json in the package keys revokes a trusted key, and its rotations stop counting', async () => {
    const pkg = join(dir, 'pkg-revoked');
    await mkdir(pkg);
    await writeFile(join(pkg, 'old.pub'), await readFile(old.pubFile));
    await writeFile(
      join(pkg, 'revoked.json'),
      JSON.stringify({ revoked: [{ keyId: old.keyId, reason: 'key compromised' }] }),
    );
    const ring = await keyring('ring-after-revoke');
    await writeRotationStatement({
      oldKeyFile: old.keyFile,
      newPubFile: next.pubFile,
      out: join(ring, 'next.rotation.json'),
    });
    const trust = await loadTrustStore({ packageKeysDir: pkg, keyringDir: ring });
    expect(trust.lookup(old.keyId)).toMatchObject({ status: 'revoked', reason: 'key compromised' });
    expect(trust.lookup(next.keyId).status).toBe('unknown');
    const oldBundle = join(dir, 'old.airlock');
    await makeBundle(oldBundle, old, { now: NOW, sequence: 9, kevLimit: 3 });
    await expect(verifyBundle(oldBundle, trust)).rejects.toThrow(
      `${oldBundle}: signed by revoked key ${old.keyId} (key compromised), revoked by ${join(pkg, 'revoked.json')}`,
    );
  });

  it('a revoked key is refused even though its .pub sits in the keyring too', async () => {
    const ring = await keyring('ring-signed-revocation');
    await writeFile(join(ring, 'next.pub'), await readFile(next.pubFile));
    await writeRevocation({
      keyFile: old.keyFile,
      keyIds: [next.keyId],
      reason: 'retired',
      out: join(ring, 'next.revoked.json'),
    });
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    expect(trust.lookup(next.keyId)).toMatchObject({ status: 'revoked', reason: 'retired' });
    await expect(verifyBundle(nextBundle, trust)).rejects.toThrow(/signed by revoked key/);
  });

  it('an unsigned or stranger-signed revocation in the keyring is ignored with a warning', async () => {
    const ring = await keyring('ring-bad-revocations');
    await writeFile(join(ring, 'revoked.json'), JSON.stringify({ revoked: [{ keyId: old.keyId }] }));
    await writeRevocation({ keyFile: third.keyFile, keyIds: [old.keyId], out: join(ring, 'stranger.revoked.json') });
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    expect(trust.lookup(old.keyId).status).toBe('trusted');
    expect(trust.warnings.join('\n')).toMatch(
      /revocation list is not signed; only the package may ship an unsigned one/,
    );
    expect(trust.warnings.join('\n')).toMatch(
      new RegExp(`revocation list signed by ${third.keyId}, which is not a trusted key`),
    );
  });

  it('bundle trust: a .pub needs the fingerprint confirmation; statements need a trusted signer', async () => {
    const ring = join(dir, 'ring-add');
    const trust = await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring });
    const fingerprint = fingerprintOf(Buffer.from((await readPublicKeyFile(third.pubFile)).record.publicKey, 'base64'));
    await expect(addToKeyring(third.pubFile, { keyringDir: ring, trust, fingerprintVerified: false })).rejects.toThrow(
      `not trusting key ${third.keyId} without confirmation; its fingerprint is ${fingerprint}`,
    );
    const added = await addToKeyring(third.pubFile, { keyringDir: ring, trust, fingerprintVerified: true });
    expect(added.written).toBe(join(ring, `${third.keyId}.pub`));
    expect(
      (await addToKeyring(third.pubFile, { keyringDir: ring, trust, fingerprintVerified: true })).alreadyPresent,
    ).toBe(true);
    expect((await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring })).lookup(third.keyId).status).toBe(
      'trusted',
    );

    const unvouched = join(dir, 'unvouched.rotation.json');
    await writeRotationStatement({ oldKeyFile: next.keyFile, newPubFile: third.pubFile, out: unvouched });
    await expect(addToKeyring(unvouched, { keyringDir: ring, trust, fingerprintVerified: false })).rejects.toThrow(
      `signed by ${next.keyId}, which is not a trusted key`,
    );
    const vouched = join(dir, 'vouched.rotation.json');
    await writeRotationStatement({ oldKeyFile: old.keyFile, newPubFile: next.pubFile, out: vouched });
    expect((await addToKeyring(vouched, { keyringDir: ring, trust, fingerprintVerified: false })).written).toBe(
      join(ring, `${next.keyId}.rotation.json`),
    );
    expect((await loadTrustStore({ packageKeysDir: shipped, keyringDir: ring })).lookup(next.keyId).status).toBe(
      'trusted',
    );
  });

  it('rotate refuses to overwrite a statement and to rotate a key to itself', async () => {
    const out = join(dir, 'dup.rotation.json');
    await writeRotationStatement({ oldKeyFile: old.keyFile, newPubFile: next.pubFile, out });
    await expect(writeRotationStatement({ oldKeyFile: old.keyFile, newPubFile: next.pubFile, out })).rejects.toThrow(
      /already exists/,
    );
    await expect(
      writeRotationStatement({ oldKeyFile: old.keyFile, newPubFile: old.pubFile, out: join(dir, 'self.json') }),
    ).rejects.toThrow(/is the same key/);
  });
});
