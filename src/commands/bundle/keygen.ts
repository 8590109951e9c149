import { Flags } from '@oclif/core';
import { createSigningKey } from '../../services/bundle-keys.js';
import { BaseCommand } from '../base-command.js';

export default class BundleKeygen extends BaseCommand {
  static override summary = 'Create an Ed25519 key pair for signing advisory bundles';
  static override description =
    'Writes PREFIX.key (PKCS8 PEM, readable by you only; keep it off the appliance) and PREFIX.pub (share it with every appliance that should trust your bundles). Never overwrites existing files.';
  static override examples = ['<%= config.bin %> bundle keygen --out ./keys/release-2025'];
  static override flags = {
    out: Flags.string({
      description: 'path prefix for PREFIX.key and PREFIX.pub',
      required: true,
      helpValue: 'PREFIX',
    }),
    comment: Flags.string({ description: 'a note stored in the .pub file, e.g. who owns the key' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BundleKeygen);
    const made = await createSigningKey(flags.out, { comment: flags.comment });
    this.log(`private key: ${made.keyFile} (keep secret)`);
    this.log(`public key:  ${made.pubFile}`);
    this.log(`key id:      ${made.keyId}`);
    this.log(`fingerprint: ${made.fingerprint}`);
  }
}
