import { Args, Flags } from '@oclif/core';
import { imageReadOptions, imageSelectionFlags, outputFlag, stalenessFlags, stalenessOptions } from '../cli/image-flags.js';
import { writeOutput } from '../cli/output.js';
import { layerProgress } from '../cli/progress.js';
import { renderCompare, wantsColor } from '../report/vulns/index.js';
import { compareImages } from '../services/compare.js';
import { BaseCommand } from './base-command.js';

export default class Compare extends BaseCommand {
  static override summary = 'Compare two image tarballs: packages and vulnerabilities added, removed, changed';
  static override examples = ['<%= config.bin %> compare ./app-v2.tar --to ./app-v1.tar', '<%= config.bin %> compare ./app-v2.tar --to ./app-v1.tar --ignore-unchanged --format json'];
  static override args = { image: Args.string({ description: 'the image to analyse (the newer one)', required: true }) };
  static override flags = {
    to: Flags.string({ description: 'the image to compare with (the older one)', required: true, helpValue: 'IMAGE' }),
    'ignore-unchanged': Flags.boolean({ description: 'leave unchanged packages out', default: false }),
    format: Flags.string({ char: 'f', description: 'output format', options: ['text', 'json'], default: 'text' }),
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    'ignore-attestations': Flags.boolean({ description: 'read the layers even when the image carries an SBOM attestation', default: false }),
    ...outputFlag,
    ...imageSelectionFlags,
    ...stalenessFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Compare);
    const result = await compareImages(args.image, flags.to, {
      dbFile: flags.db, ...stalenessOptions(flags),
      ...imageReadOptions(flags),
      onLayer: layerProgress(),
      ignoreAttestations: flags['ignore-attestations'],
      ignoreUnchanged: flags['ignore-unchanged'],
    });
    const text = flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderCompare(result, { color: wantsColor(process.stdout, process.env, flags.output) });
    writeOutput(text, flags.output);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  }
}
