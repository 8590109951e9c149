import { Args, Flags } from '@oclif/core';
import { verifyReleaseFile } from '../../services/release.js';
import { BaseCommand } from '../base-command.js';

export default class ReleaseVerify extends BaseCommand {
  static override summary = 'Check a downloaded airlock release against its signed checksum before installing it';
  static override description =
    'Reads FILE.sha256 and FILE.sha256.sig beside the tarball, checks the signature with the keys airlock trusts for bundles (bundles/keys and your keyring; the DEMO key only with AIRLOCK_ALLOW_DEMO_KEY=1), then the tarball’s sha256. Exits non-zero on any failure.';
  static override examples = ['<%= config.bin %> release verify airlock-0.2.0-linux-x64.tar.gz'];
  static override args = { file: Args.string({ description: 'release tarball', required: true }) };
  static override flags = {
    sha256: Flags.string({ description: 'checksum file (default FILE.sha256)' }),
    signature: Flags.string({ description: 'signature file (default FILE.sha256.sig)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ReleaseVerify);
    const result = await verifyReleaseFile(args.file, { checksumFile: flags.sha256, signatureFile: flags.signature });
    const demo = result.demo ? ' (DEMO key: never install this on a real appliance)' : '';
    this.log(`${args.file}: OK`);
    this.log(`  sha256  ${result.sha256}`);
    this.log(`  signer  ${result.signer.keyId}${demo}, fingerprint ${result.fingerprint}`);
  }
}
