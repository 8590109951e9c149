import { Flags } from '@oclif/core';
import { imageArg, matchFlags, matchOptionsFromFlags } from '../cli/match-flags.js';
import { UserError } from '../errors.js';
import { loadReview } from '../services/review.js';
import { runReview } from '../tui/run.js';
import { BaseCommand } from './base-command.js';

export default class Review extends BaseCommand {
  static override summary = 'Review the vulnerabilities of an image in the terminal and record triage as OpenVEX';
  static override description = `An interactive view of an image: the quickview figures, the vulnerabilities grouped by package (sort, filter, search), each finding in detail with the layer that brought it in, and the image's layers. Triage decisions (not_affected with a justification, affected, under_investigation, fixed; a note and an optional expiry) are written to an OpenVEX v0.2.0 document that airlock cves and quickview apply. For a report without a terminal use airlock cves.`;
  static override examples = [
    '<%= config.bin %> review ./app.tar',
    '<%= config.bin %> review ./app.tar --vex ./app.openvex.json --author security@example.com',
  ];

  static override args = imageArg;

  static override flags = {
    vex: Flags.string({
      description:
        'OpenVEX document to read and record decisions in (default: vex.openvex.json in the airlock state directory)',
      helpValue: 'FILE',
    }),
    author: Flags.string({
      description: 'author named in a new OpenVEX document (default: your login name)',
      helpValue: 'NAME',
    }),
    mouse: Flags.boolean({
      description:
        'click tabs, rows and layers, scroll with the wheel (--no-mouse leaves the mouse to the terminal, for selecting text)',
      default: true,
      allowNo: true,
    }),
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Review);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UserError('airlock review needs a terminal (stdin and stdout)', {
        hint: 'for a report use airlock cves IMAGE (--format json, sarif, …); for counts airlock quickview IMAGE',
      });
    }
    const input = await loadReview(args.image, {
      ...matchOptionsFromFlags(flags),
      vexFile: flags.vex,
      author: flags.author,
    });
    const outcome = await runReview(input, { mouse: flags.mouse });
    if (outcome.recorded > 0)
      process.stdout.write(
        `Recorded ${outcome.recorded} VEX ${outcome.recorded === 1 ? 'statement' : 'statements'} in ${outcome.vexFile}\n`,
      );
  }
}
