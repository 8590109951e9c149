import { Flags } from '@oclif/core';
import { baseFlag, imageArg, matchFlags, matchOptionsFromFlags } from '../cli/match-flags.js';
import { printScanResult } from '../cli/scan-output.js';
import { scanSeveral } from '../cli/scan-several.js';
import { scanImage } from '../services/scan.js';
import { expandScanInputs } from '../services/scan-many/index.js';
import { BaseCommand } from './base-command.js';

export default class Scan extends BaseCommand {
  static override summary = 'Analyse an image, store its snapshot and show its vulnerability counts';
  static override description = `Reads the image (a tarball, an OCI layout directory, or sbom:FILE for a CycloneDX/SPDX JSON document), matches it against the installed advisory database and keeps its SBOM snapshot and findings in the snapshot store ($AIRLOCK_HOME/snapshots.db). Stored images are re-evaluated after every \`airlock db import\` without their tarballs, and \`airlock cves NAME\`, \`quickview NAME\` and \`compare NAME --to NAME\` report on them. Scanning the same image again replaces its snapshot; its names accumulate.`;
  static override examples = [
    '<%= config.bin %> scan ./app.tar',
    '<%= config.bin %> scan ./app.tar --name app:1.0',
    '<%= config.bin %> scan sbom:app.spdx.json --name app:1.0',
    '<%= config.bin %> scan ./app.tar --no-store',
    '<%= config.bin %> scan ./images/ --parallel 2',
    '<%= config.bin %> scan app.tar db.tar web.oci.tar',
  ];
  // Several IMAGE arguments: a multi-image scan.
  static override strict = false;

  static override args = {
    image: {
      ...imageArg.image,
      description:
        'image tarball, OCI layout directory, sbom:FILE, or a stored image; several, or a directory of tarballs, scan each',
    },
  };
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
    parallel: Flags.integer({
      description: `images read at once when several are scanned (default: the machine's cores, at most 4)`,
      min: 1,
      max: 64,
      helpValue: 'N',
    }),
    ...baseFlag(),
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, argv, flags } = await this.parse(Scan);
    const images = await expandScanInputs(argv as string[]);
    const options = {
      ...matchOptionsFromFlags(flags),
      store: flags.store,
      name: flags.name,
      vexFile: flags.vex,
      base: flags.base,
    };
    if (images.length > 1 || images[0] !== args.image) {
      // Per-layer progress bars of several images at once would interleave: the headings say enough.
      const { onLayer: _progress, ...quiet } = options;
      await scanSeveral(images, { ...quiet, parallel: flags.parallel }, flags['show-suppressed']);
      return;
    }
    printScanResult(await scanImage(args.image, options), flags['show-suppressed']);
  }
}
