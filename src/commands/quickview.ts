import { Args, Flags } from '@oclif/core';
import {
  imageReadOptions,
  imageSelectionFlags,
  outputFlag,
  stalenessFlags,
  stalenessOptions,
} from '../cli/image-flags.js';
import { writeOutput } from '../cli/output.js';
import { renderQuickviewMarkdown } from '../report/vulns/quickview-markdown.js';
import { layerProgress } from '../cli/progress.js';
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickview } from '../services/quickview.js';
import { quickviewSuppressedLine } from '../report/vex/render.js';
import { BaseCommand } from './base-command.js';
import { vexFlags, vexOptions } from '../cli/vex-flags.js';
import { terminalSafe } from '../text/terminal-safe.js';

export default class Quickview extends BaseCommand {
  static override summary = 'One-line vulnerability counts of an image tarball';
  static override aliases = ['qv'];
  static override examples = [
    '<%= config.bin %> quickview ./postgres.tar',
    '<%= config.bin %> qv archive://postgres.tar',
  ];
  static override args = {
    image: Args.string({
      description: 'image tarball, OCI layout directory, sbom:FILE, or a stored image',
      required: true,
    }),
  };
  static override flags = {
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    'include-os-owned': Flags.boolean({
      description:
        'also match language packages whose files a deb/rpm/apk owns against their ecosystem (by default the owning OS package is matched, since the distro backports fixes)',
      default: false,
    }),
    'ignore-attestations': Flags.boolean({
      description: 'read the layers even when the image carries an SBOM attestation',
      default: false,
    }),
    ...vexFlags,
    'show-suppressed': Flags.boolean({
      description: 'count the findings VEX statements suppressed on a line of their own',
      default: false,
    }),
    base: Flags.string({
      description: 'the base image, by base catalog name or digest, instead of detecting it',
      helpValue: 'NAME',
    }),
    format: Flags.string({
      char: 'f',
      description: 'output format',
      options: ['text', 'json', 'markdown'],
      default: 'text',
    }),
    ...outputFlag,
    ...imageSelectionFlags,
    ...stalenessFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Quickview);
    const result = await quickview(args.image, {
      dbFile: flags.db,
      includeOsOwned: flags['include-os-owned'],
      ...stalenessOptions(flags),
      ...imageReadOptions(flags),
      onLayer: layerProgress(),
      ignoreAttestations: flags['ignore-attestations'],
      ...vexOptions(flags),
      base: flags.base,
    });
    const style = { color: wantsColor(process.stdout, process.env, flags.output) };
    const text = {
      text: () => renderQuickview(result, style) + quickviewSuppressedLine(result, flags['show-suppressed'], style),
      json: () => `${JSON.stringify(result, null, 2)}\n`,
      markdown: () => renderQuickviewMarkdown(result),
    }[flags.format as 'text' | 'json' | 'markdown']();
    writeOutput(text, flags.output);
    for (const w of result.warnings) process.stderr.write(`warning: ${terminalSafe(w)}\n`);
  }
}
