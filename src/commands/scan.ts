import { Flags } from '@oclif/core';
import { baseFlag, imageArg, matchFlags, matchOptionsFromFlags } from '../cli/match-flags.js';
import { printWarnings } from '../cli/warnings.js';
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { scanImage } from '../services/scan.js';
import { quickviewSuppressedLine } from '../report/vex/render.js';
import { renderStored } from '../report/store/render.js';
import { BaseCommand } from './base-command.js';

export default class Scan extends BaseCommand {
  static override summary = 'Analyse an image, store its snapshot and show its vulnerability counts';
  static override description = `Reads the image (a tarball, an OCI layout directory, or sbom:FILE for a CycloneDX/SPDX JSON document), matches it against the installed advisory database and keeps its SBOM snapshot and findings in the snapshot store ($AIRLOCK_HOME/snapshots.db). Stored images are re-evaluated after every \`airlock db import\` without their tarballs, and \`airlock cves NAME\`, \`quickview NAME\` and \`compare NAME --to NAME\` report on them. Scanning the same image again replaces its snapshot; its names accumulate.`;
  static override examples = [
    '<%= config.bin %> scan ./app.tar',
    '<%= config.bin %> scan ./app.tar --name app:1.0',
    '<%= config.bin %> scan sbom:app.spdx.json --name app:1.0',
    '<%= config.bin %> scan ./app.tar --no-store',
  ];

  static override args = imageArg;
  static override flags = {
    store: Flags.boolean({
      description: 'keep the snapshot in the store (--no-store: a one-off analysis)',
      default: true,
      allowNo: true,
    }),
    name: Flags.string({ description: 'also file the image under this name', helpValue: 'NAME:TAG' }),
    vex: Flags.string({
      description:
        'OpenVEX document whose not_affected/fixed statements suppress findings in the counts shown (the store keeps every finding)',
      helpValue: 'FILE',
    }),
    'show-suppressed': Flags.boolean({
      description: 'count the findings VEX statements suppressed on a line of their own',
      default: false,
    }),
    ...baseFlag(),
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Scan);
    const result = await scanImage(args.image, {
      ...matchOptionsFromFlags(flags),
      store: flags.store,
      name: flags.name,
      vexFile: flags.vex,
      base: flags.base,
    });
    const style = { color: wantsColor(process.stdout) };
    process.stdout.write(
      renderQuickview(result.quickview, style) +
        quickviewSuppressedLine(result.quickview, flags['show-suppressed'], style),
    );
    if (result.stored) this.log(renderStored(result.stored, result.replaced));
    printWarnings(result.quickview.warnings);
  }
}
