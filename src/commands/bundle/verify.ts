import { Args, Flags } from '@oclif/core';
import { manifestLines } from '../../report/bundle/render.js';
import { verifyBundleFile } from '../../services/bundle.js';
import { BaseCommand } from '../base-command.js';

export default class BundleVerify extends BaseCommand {
  static override summary = 'Check a bundle’s signature, signer trust and payload without importing it';
  static override description =
    'Exits non-zero on any failure: unknown or revoked signer, bad signature, modified or truncated payload, expiry, or a bundle that needs a newer airlock.';
  static override examples = [
    '<%= config.bin %> bundle verify advisories.airlock',
    '<%= config.bin %> bundle verify advisories.airlock --json',
  ];
  static override args = { file: Args.string({ description: 'bundle file', required: true }) };
  static override flags = {
    'allow-expired': Flags.boolean({
      description: 'report an expired bundle as a warning, not a failure',
      default: false,
    }),
    json: Flags.boolean({ description: 'print the verified manifest as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(BundleVerify);
    const { bundle, warnings } = await verifyBundleFile(args.file, {
      allowExpired: flags['allow-expired'],
      onTrustWarnings: (trustWarnings) => {
        for (const w of trustWarnings) process.stderr.write(`warning: ${w}\n`);
      },
    });
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) {
      this.log(JSON.stringify({ file: bundle.file, signer: bundle.signer.keyId, manifest: bundle.manifest }, null, 2));
      return;
    }
    this.log(`${args.file}: OK`);
    for (const line of manifestLines(bundle.manifest, bundle.signer)) this.log(line);
  }
}
