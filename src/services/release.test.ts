/** `release verify` as a service: the signer's fingerprint and the DEMO opt-in are decided here. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSigningKey } from '../bundle/keys.js';
import { tempDir } from '../bundle/testdata/fixtures.js';
import { checksumLine, sha256File } from '../release/checksum.js';
import { signChecksumFile } from '../release/sign.js';
import { createSigningKey } from './bundle-keys.js';
import { verifyReleaseFile } from './release.js';

describe('release service', () => {
  it('verifies a release a keyring key signed, naming its sha256 and fingerprint; refuses one whose bytes changed', async () => {
    const dir = await tempDir('release');
    const keyringDir = join(dir, 'keyring');
    mkdirSync(keyringDir);
    const made = await createSigningKey(join(dir, 'publisher'));
    writeFileSync(join(keyringDir, `${made.keyId}.pub`), readFileSync(made.pubFile));
    const file = join(dir, 'airlock-0.2.0-linux-x64.tar.gz');
    writeFileSync(file, 'release bytes\n');
    const line = Buffer.from(checksumLine(await sha256File(file), 'airlock-0.2.0-linux-x64.tar.gz'));
    writeFileSync(`${file}.sha256`, line);
    writeFileSync(`${file}.sha256.sig`, signChecksumFile(line, await readSigningKey(made.keyFile)));

    const ok = await verifyReleaseFile(file, { keyringDir, env: {} });
    expect(ok).toMatchObject({
      file,
      sha256: await sha256File(file),
      fingerprint: made.fingerprint,
      demo: false,
      signer: { keyId: made.keyId },
    });

    writeFileSync(file, 'release bytes, changed\n');
    await expect(verifyReleaseFile(file, { keyringDir, env: {} })).rejects.toThrow(file);
  });
});
