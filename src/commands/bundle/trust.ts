import { Args, Flags } from '@oclif/core';
import { trustFile } from '../../services/bundle-keys.js';
import { BaseCommand } from '../base-command.js';

export default class BundleTrust extends BaseCommand {
  static override summary = 'Trust a bundle signer key, or add a rotation or revocation statement, in your keyring';
  static override description = `A public key (.pub) is added only with --yes-i-verified-fingerprint: compare the fingerprint printed here with the one the publisher gave you through another channel first. A rotation statement (*.rotation.json) or signed revocation list is added when a key you already trust signed it.`;
  static override examples = [
    '<%= config.bin %> bundle trust release-2025.pub',
    '<%= config.bin %> bundle trust release-2025.pub --yes-i-verified-fingerprint',
    '<%= config.bin %> bundle trust release-2026.rotation.json',
  ];
  static override args = {
    file: Args.string({ description: '.pub key, rotation statement or signed revocation list', required: true }),
  };
  static override flags = {
    'yes-i-verified-fingerprint': Flags.boolean({
      description: 'confirm that the fingerprint matches the one the key owner published',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(BundleTrust);
    const added = await trustFile(args.file, {
      fingerprintVerified: flags['yes-i-verified-fingerprint'],
      onInspected: (item) => {
        if (item.kind === 'revocation') return;
        const key = item.kind === 'public-key' ? item.key : item.newKey;
        this.log(`key id:      ${key.keyId}${key.record.comment ? ` "${key.record.comment}"` : ''}`);
        this.log(`fingerprint: ${item.fingerprint}`);
        if (item.kind === 'rotation') this.log(`vouched for by ${item.statement.signedBy}`);
      },
    });
    this.log(
      added.alreadyPresent ? `already in the keyring: ${added.written}` : `added to the keyring: ${added.written}`,
    );
  }
}
