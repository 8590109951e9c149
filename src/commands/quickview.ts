import { Args, Flags } from '@oclif/core';
import { imageSelectionFlags } from '../cli/image-flags.js';
import { layerProgress } from '../cli/progress.js';
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickview } from '../services/quickview.js';
import { BaseCommand } from './base-command.js';

export default class Quickview extends BaseCommand {
  static override summary = 'One-line vulnerability counts of an image tarball';
  static override examples = ['<%= config.bin %> quickview ./postgres.tar'];
  static override args = { image: Args.string({ description: 'image tarball or OCI layout directory', required: true }) };
  static override flags = {
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    ...imageSelectionFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Quickview);
    const result = await quickview(args.image, { dbFile: flags.db, image: flags.image, platform: flags.platform, onLayer: layerProgress() });
    process.stdout.write(renderQuickview(result, { color: wantsColor(process.stdout) }));
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  }
}
