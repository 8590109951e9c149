import { Flags } from '@oclif/core';
import { wantsColor } from '../../report/vulns/index.js';
import { listImages } from '../../services/images.js';
import { renderImages } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';
import { writeOutput } from '../../cli/output.js';
import { htmlReportForStore } from '../../services/html-report.js';
import { renderHtmlReport } from '../../report/html/render.js';

export default class Images extends BaseCommand {
  static override summary = 'List the stored images with their current vulnerability counts';
  static override description = `Each image stored by \`airlock scan\`: its names, digest (the image ID), when it was scanned, and its C/H/M/L/U counts as of the last re-evaluation (SEQ is the advisory bundle sequence they were computed at). STALE marks a snapshot made by older catalogers than this airlock's: scan the image again to refresh it.`;
  static override examples = [
    '<%= config.bin %> images',
    '<%= config.bin %> images --json',
    '<%= config.bin %> images --format html -o report.html',
  ];
  static override flags = {
    json: Flags.boolean({ description: 'print the stored images as JSON', default: false }),
    format: Flags.string({
      char: 'f',
      description:
        'output format; html: one self-contained report of every stored image, matched against the installed database now',
      options: ['table', 'json', 'html'],
      default: 'table',
    }),
    output: Flags.string({ char: 'o', description: 'write to this file instead of stdout', helpValue: 'FILE' }),
    db: Flags.string({
      description: 'with --format html: the advisory database (default: the installed one)',
      helpValue: 'FILE',
    }),
    policy: Flags.string({
      description: 'with --format html: the policy file (default: $AIRLOCK_HOME/policy.yaml when it exists)',
      helpValue: 'FILE',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Images);
    if (flags.format === 'html') {
      writeOutput(
        renderHtmlReport(await htmlReportForStore({ dbFile: flags.db, policyFile: flags.policy })),
        flags.output,
      );
      return;
    }
    const images = await listImages();
    if (flags.output) {
      writeOutput(
        flags.json || flags.format === 'json'
          ? JSON.stringify(images, null, 2)
          : renderImages(images, { color: false }),
        flags.output,
      );
      return;
    }
    if (flags.format === 'json') return this.log(JSON.stringify(images, null, 2));
    if (flags.json) this.log(JSON.stringify(images, null, 2));
    else process.stdout.write(renderImages(images, { color: wantsColor(process.stdout) }));
  }
}
