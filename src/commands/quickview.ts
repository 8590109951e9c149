import { Flags } from '@oclif/core';
import { outputFlag } from '../cli/image-flags.js';
import {
  baseFlag,
  imageArg,
  matchFlags,
  matchOptionsFromFlags,
  osOwnedFlag,
  textJsonMarkdownFlag,
} from '../cli/match-flags.js';
import { printWarnings } from '../cli/warnings.js';
import { writeOutput } from '../cli/output.js';
import { renderQuickviewMarkdown } from '../report/vulns/quickview-markdown.js';
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickview } from '../services/quickview.js';
import { quickviewSuppressedLine } from '../report/vex/render.js';
import { BaseCommand } from './base-command.js';
import { vexFlags, vexOptions } from '../cli/vex-flags.js';

export default class Quickview extends BaseCommand {
  static override summary = 'One-line vulnerability counts of an image tarball';
  static override aliases = ['qv'];
  static override examples = [
    '<%= config.bin %> quickview ./postgres.tar',
    '<%= config.bin %> qv archive://postgres.tar',
  ];
  static override args = imageArg;
  static override flags = {
    ...osOwnedFlag,
    ...vexFlags,
    'show-suppressed': Flags.boolean({
      description: 'count the findings VEX statements suppressed on a line of their own',
      default: false,
    }),
    ...baseFlag(),
    ...textJsonMarkdownFlag,
    ...outputFlag,
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Quickview);
    const result = await quickview(args.image, {
      ...matchOptionsFromFlags(flags),
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
    printWarnings(result.warnings);
  }
}
