import { Flags } from '@oclif/core';
import { rotateSigningKey } from '../../services/bundle-keys.js';
import { BaseCommand } from '../base-command.js';

export default class BundleRotate extends BaseCommand {
  static override summary = 'Sign a statement that moves trust from your current key to a new one';
  static override description =
    'Appliances that trust the old key trust the new key once they hold the statement (ship it in bundles/keys/ or add it with `airlock bundle trust STATEMENT`). Revoking the old key later voids the statements it signed, so also hand out the new .pub.';
  static override examples = [
    '<%= config.bin %> bundle rotate --key release-2025.key --new release-2026.pub --out release-2026.rotation.json',
  ];
  static override flags = {
    key: Flags.string({ description: 'the currently trusted private key', required: true, helpValue: 'OLD.key' }),
    new: Flags.string({ description: 'the new public key', required: true, helpValue: 'NEW.pub' }),
    out: Flags.string({
      description: 'where to write the statement (name it *.rotation.json)',
      required: true,
      helpValue: 'STATEMENT',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BundleRotate);
    const statement = await rotateSigningKey({ oldKeyFile: flags.key, newPubFile: flags.new, out: flags.out });
    this.log(`${flags.out}: ${statement.signedBy} vouches for ${statement.newKey.keyId}`);
  }
}
