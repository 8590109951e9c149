import { Flags } from '@oclif/core';
import { revokeSigningKeys } from '../../services/bundle-keys.js';
import { BaseCommand } from '../base-command.js';

export default class BundleRevoke extends BaseCommand {
  static override summary = 'Sign a list of signer key ids that must no longer be trusted';
  static override description =
    'A revoked key is refused even where a .pub or rotation admits it, and the rotations it signed stop counting. Add the list to an appliance with `airlock bundle trust FILE`.';
  static override examples = [
    '<%= config.bin %> bundle revoke --key release-2026.key --key-id 4c80e0b7bcdb6092 --reason "laptop stolen" --out 4c80e0b7.revoked.json',
  ];
  static override flags = {
    key: Flags.string({
      description: 'a trusted private key to sign the list with',
      required: true,
      helpValue: 'SIGNER.key',
    }),
    'key-id': Flags.string({
      description: 'key id to revoke (16 hex digits); repeat for several',
      required: true,
      multiple: true,
    }),
    reason: Flags.string({ description: 'why, shown when a bundle from the key is refused' }),
    out: Flags.string({
      description: 'where to write the list (name it *.revoked.json)',
      required: true,
      helpValue: 'FILE',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BundleRevoke);
    const statement = await revokeSigningKeys({
      keyFile: flags.key,
      keyIds: flags['key-id'],
      reason: flags.reason,
      out: flags.out,
    });
    this.log(`${flags.out}: ${statement.signedBy} revokes ${statement.revoked.map((r) => r.keyId).join(', ')}`);
  }
}
