import { Args, Flags } from '@oclif/core';
import { outputFlag } from '../cli/image-flags.js';
import { matchFlags, matchOptionsFromFlags } from '../cli/match-flags.js';
import { printWarnings } from '../cli/warnings.js';
import { writeOutput } from '../cli/output.js';
import { vexFlags, vexOptions } from '../cli/vex-flags.js';
import { ExitSignal } from '../errors.js';
import { renderCompareMarkdown } from '../report/vulns/compare-markdown.js';
import { renderCompare, wantsColor } from '../report/vulns/index.js';
import { compareImages, gotWorse } from '../services/compare.js';
import { filterFlags, filtersFromFlags } from '../cli/cves-filters.js';
import { BaseCommand } from './base-command.js';

export default class Compare extends BaseCommand {
  static override summary = 'Compare two image tarballs: packages and vulnerabilities added, removed, changed';
  static override examples = [
    '<%= config.bin %> compare ./app-v2.tar --to ./app-v1.tar',
    '<%= config.bin %> compare ./app-v2.tar --to ./app-v1.tar --ignore-unchanged --format json',
    '<%= config.bin %> compare archive://both.tar --ref app:2 --to archive://both.tar --to-ref app:1 --exit-on vulnerability --only-severity critical,high',
  ];
  static override args = {
    image: Args.string({ description: 'the image to analyse (the newer one)', required: true }),
  };
  static override flags = {
    to: Flags.string({ description: 'the image to compare with (the older one)', required: true, helpValue: 'IMAGE' }),
    'to-ref': Flags.string({
      description: 'image to read from the --to archive when it holds several (name:tag), as --ref does for the first',
      helpValue: 'NAME:TAG',
    }),
    'to-platform': Flags.string({
      description: 'platform to read from the --to archive when it is a multi-platform index',
      helpValue: 'OS/ARCH[/VARIANT]',
    }),
    'ignore-unchanged': Flags.boolean({ description: 'leave unchanged packages out', default: false }),
    'exit-on': Flags.string({
      char: 'x',
      description:
        'exit with status 2 when the first image got worse: vulnerability (it has vulnerabilities the other has not), package (any package added, removed or changed)',
      options: ['vulnerability', 'package'],
      multiple: true,
      multipleNonGreedy: true,
    }),
    format: Flags.string({
      char: 'f',
      description: 'output format',
      options: ['text', 'json', 'markdown'],
      default: 'text',
    }),
    ...filterFlags,
    'ignore-base': Flags.boolean({
      description:
        "on each side, leave out the findings of its base image's layers (base from the catalog: airlock base add)",
      default: false,
    }),
    ...vexFlags,
    ...outputFlag,
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Compare);
    const result = await compareImages(args.image, flags.to, {
      ...matchOptionsFromFlags(flags),
      toSelection: { image: flags['to-ref'], platform: flags['to-platform'] },
      ignoreUnchanged: flags['ignore-unchanged'],
      filters: filtersFromFlags(flags),
      ignoreBase: flags['ignore-base'],
      ...vexOptions(flags),
    });
    const text = {
      text: () => renderCompare(result, { color: wantsColor(process.stdout, process.env, flags.output) }),
      json: () => `${JSON.stringify(result, null, 2)}\n`,
      markdown: () => renderCompareMarkdown(result),
    }[flags.format as 'text' | 'json' | 'markdown']();
    writeOutput(text, flags.output);
    printWarnings(result.warnings);
    const worse = (flags['exit-on'] ?? []).filter((on) => gotWorse(result, on as 'vulnerability' | 'package'));
    if (worse.length > 0)
      throw new ExitSignal(
        2,
        `${args.image} got worse than ${flags.to}: ${worse.map((on) => (on === 'vulnerability' ? `${result.newVulnerabilities.length} new vulnerabilities` : `${result.packages.filter((p) => p.kind !== 'unchanged').length} package changes`)).join(', ')} (--exit-on)`,
      );
  }
}
