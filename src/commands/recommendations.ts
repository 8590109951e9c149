import { Flags } from '@oclif/core';
import { recommendBaseImages } from '../services/base/recommendations.js';
import { renderRecommendations } from '../report/base/render.js';
import { imageSelectionFlags, outputFlag } from '../cli/image-flags.js';
import {
  attestationFlag,
  baseFlag,
  dbFlag,
  imageArg,
  matchOptionsFromFlags,
  textJsonMarkdownFlag,
} from '../cli/match-flags.js';
import { printWarnings } from '../cli/warnings.js';
import { writeOutput } from '../cli/output.js';
import { renderRecommendationsMarkdown } from '../report/vulns/quickview-markdown.js';
import { wantsColor } from '../report/vulns/index.js';
import { BaseCommand } from './base-command.js';

export default class Recommendations extends BaseCommand {
  static override summary = "Base images from the catalog that would cut an image's vulnerabilities";
  static override description = `Detects the image's base image in the base-image catalog (\`airlock base add\`) and lists every candidate to move to: refreshed (a newer build of the same repository:tag) and updated (a newer tag or release line of the same repository, e.g. debian:bookworm → debian:trixie), each with its C/H/M/L/U counts against the advisory database in use and the per-severity difference from the current base.`;
  static override examples = [
    '<%= config.bin %> recommendations ./app.tar',
    '<%= config.bin %> recommendations app:1.0 --only-update',
    '<%= config.bin %> recommendations app:1.0 --base debian:bookworm --json',
  ];
  static override args = imageArg;
  static override flags = {
    'only-refresh': Flags.boolean({
      description: 'only newer builds of the same repository:tag',
      default: false,
      exclusive: ['only-update'],
    }),
    'only-update': Flags.boolean({
      description: 'only newer tags of the same repository',
      default: false,
      exclusive: ['only-refresh'],
    }),
    ...baseFlag('the base image, by catalog name or digest, instead of detecting it'),
    ...textJsonMarkdownFlag,
    json: Flags.boolean({ description: 'the same as --format json', default: false }),
    ...outputFlag,
    ...dbFlag,
    ...attestationFlag,
    ...imageSelectionFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Recommendations);
    const only = flags['only-refresh'] ? 'refreshed' : flags['only-update'] ? 'updated' : undefined;
    const result = await recommendBaseImages(args.image, {
      only,
      override: flags.base,
      ...matchOptionsFromFlags(flags),
    });
    const format = flags.json ? 'json' : (flags.format as 'text' | 'json' | 'markdown');
    const text = {
      text: () => renderRecommendations(result, { color: wantsColor(process.stdout, process.env, flags.output) }),
      json: () => `${JSON.stringify(result, null, 2)}\n`,
      markdown: () => renderRecommendationsMarkdown(result),
    }[format]();
    writeOutput(text, flags.output);
    printWarnings(result.warnings);
  }
}
