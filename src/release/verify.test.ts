import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keygen, readSigningKey, type SigningKey } from '../bundle/keys.js';
import { checksumLine, sha256File } from './checksum.js';
import { signChecksumFile } from './sign.js';
import { verifyRelease } from './verify.js';

const demoKeyFile = resolve(import.meta.dirname, '..', '..', 'bundles', 'demo', 'demo-signer.key');
let dir: string;
let keyring: string;
let publisher: SigningKey;

/** A small stand-in for a release tarball, signed as `npm run release` signs one. */
async function publish(name: string, key: SigningKey, body = 'release bytes\n'): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, body);
  const line = Buffer.from(checksumLine(await sha256File(file), name));
  writeFileSync(`${file}.sha256`, line);
  writeFileSync(`${file}.sha256.sig`, signChecksumFile(line, key));
  return file;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-release-verify-'));
  keyring = join(dir, 'keyring');
  const made = await keygen(join(dir, 'publisher'));
  publisher = await readSigningKey(made.keyFile);
  // What `airlock bundle trust publisher.pub --yes-i-verified-fingerprint` leaves in the keyring.
  mkdirSync(keyring);
  writeFileSync(join(keyring, `${made.keyId}.pub`), readFileSync(made.pubFile));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = () => ({ keyringDir: keyring, allowDemoKeys: false });

describe('verifyRelease', () => {
  it('accepts a release whose checksum a trusted key signed and whose bytes match it', async () => {
    const file = await publish('airlock-0.2.0-linux-x64.tar.gz', publisher);
    const result = await verifyRelease(file, options());
    expect([result.signer.keyId, result.sha256]).toEqual([publisher.keyId, await sha256File(file)]);
  });

  it('refuses a modified tarball, naming both digests', async () => {
    const file = await publish('airlock-0.2.0-linux-x64.tar.gz', publisher);
    writeFileSync(file, 'release bytez\n');
    await expect(verifyRelease(file, options())).rejects.toThrow(
      new RegExp(
        `^${file}: sha256 [0-9a-f]{64} does not match the signed checksum [0-9a-f]{64}: the file was modified or is incomplete$`,
      ),
    );
  });

  it('refuses an older release renamed to look like a newer one', async () => {
    const old = await publish('airlock-0.1.0-linux-x64.tar.gz', publisher);
    const renamed = join(dir, 'airlock-0.2.0-linux-x64.tar.gz');
    renameSync(old, renamed);
    renameSync(`${old}.sha256`, `${renamed}.sha256`);
    renameSync(`${old}.sha256.sig`, `${renamed}.sha256.sig`);
    await expect(verifyRelease(renamed, options())).rejects.toThrow(
      `${renamed}: the signed checksum is for airlock-0.1.0-linux-x64.tar.gz, not airlock-0.2.0-linux-x64.tar.gz`,
    );
  });

  it('refuses an edited checksum file before reading it, and a key nobody trusted', async () => {
    const file = await publish('airlock-0.2.0-linux-x64.tar.gz', publisher);
    writeFileSync(`${file}.sha256`, checksumLine('0'.repeat(64), 'airlock-0.2.0-linux-x64.tar.gz'));
    await expect(verifyRelease(file, options())).rejects.toThrow(
      /\.sig: does not verify airlock-0\.2\.0-linux-x64\.tar\.gz\.sha256 against any trusted key \(\d+ tried\)/,
    );
    const stranger = await readSigningKey((await keygen(join(dir, 'stranger'))).keyFile);
    const other = await publish('airlock-0.3.0-linux-x64.tar.gz', stranger);
    await expect(verifyRelease(other, options())).rejects.toThrow(/does not verify .* against any trusted key/);
  });

  it('refuses the DEMO key unless AIRLOCK_ALLOW_DEMO_KEY=1 allowed it', async () => {
    const file = await publish('airlock-0.2.0-linux-x64.tar.gz', await readSigningKey(demoKeyFile));
    await expect(verifyRelease(file, options())).rejects.toThrow(
      `${file}: signed by the DEMO key 4c80e0b7bcdb6092, whose private key is public`,
    );
    expect((await verifyRelease(file, { ...options(), allowDemoKeys: true })).signer.record.demo).toBe(true);
  });

  it('names a missing or malformed signature file', async () => {
    const file = await publish('airlock-0.2.0-linux-x64.tar.gz', publisher);
    writeFileSync(`${file}.sha256.sig`, Buffer.alloc(63));
    await expect(verifyRelease(file, options())).rejects.toThrow(
      `${file}.sha256.sig: is 63 bytes; an Ed25519 signature is 64`,
    );
    rmSync(`${file}.sha256.sig`);
    await expect(verifyRelease(file, options())).rejects.toThrow(`${file}.sha256.sig: cannot read: ENOENT`);
  });
});
