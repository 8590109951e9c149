import { Args, Flags } from '@oclif/core';
import { imageReadOptions, imageSelectionFlags, stalenessFlags, stalenessOptions } from '../cli/image-flags.js';
import { layerProgress } from '../cli/progress.js';
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickview } from '../services/quickview.js';
import { quickviewSuppressedLine } from '../vex/render.js';
import { BaseCommand } from './base-command.js';

export default class Quickview extends BaseCommand {
  static override summary = 'One-line vulnerability counts of an image tarball';
  static override examples = ['<%= config.bin %> quickview ./postgres.tar'];
  static override args = { image: Args.string({ description: 'image tarball, OCI layout directory, sbom:FILE, or a stored image', required: true }) };
  static override flags = {
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    'ignore-attestations': Flags.boolean({ description: 'read the layers even when the image carries an SBOM attestation', default: false }),
    vex: Flags.string({ description: 'OpenVEX document whose not_affected/fixed statements suppress findings (default: the one airlock review writes, if any)', helpValue: 'FILE' }),
    'show-suppressed': Flags.boolean({ description: 'count the findings VEX statements suppressed on a line of their own', default: false }),
    base: Flags.string({ description: 'the base image, by base catalog name or digest, instead of detecting it', helpValue: 'NAME' }),
    ...imageSelectionFlags,
    ...stalenessFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Quickview);
    const result = await quickview(args.image, { dbFile: flags.db, ...stalenessOptions(flags), ...imageReadOptions(flags), onLayer: layerProgress(), ignoreAttestations: flags['ignore-attestations'], vexFile: flags.vex, base: flags.base });
    const style = { color: wantsColor(process.stdout) };
    process.stdout.write(renderQuickview(result, style) + quickviewSuppressedLine(result, flags['show-suppressed'], style));
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  }
}
