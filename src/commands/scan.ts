import { Args, Flags } from '@oclif/core';
import { imageReadOptions, imageSelectionFlags, stalenessFlags, stalenessOptions } from '../cli/image-flags.js';
import { layerProgress } from '../cli/progress.js';
import { scanImage } from '../services/scan.js';
import { expandScanInputs } from '../services/scan-many/index.js';
import { scanSeveral } from '../cli/scan-several.js';
import { printScanResult } from '../cli/scan-output.js';
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
    image: Args.string({
      description:
        'image tarball, OCI layout directory, sbom:FILE, or a stored image; several, or a directory of tarballs, scan each',
      required: true,
    }),
  };
  static override flags = {
    store: Flags.boolean({
      description: 'keep the snapshot in the store (--no-store: a one-off analysis)',
      default: true,
      allowNo: true,
    }),
    name: Flags.string({ description: 'also file the image under this name', helpValue: 'NAME:TAG' }),
    'ignore-attestations': Flags.boolean({
      description: 'read the layers even when the image carries an SBOM attestation',
      default: false,
    }),
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    vex: Flags.string({
      description:
        'OpenVEX document whose not_affected/fixed statements suppress findings in the counts shown (the store keeps every finding)',
      helpValue: 'FILE',
    }),
    'show-suppressed': Flags.boolean({
      description: 'count the findings VEX statements suppressed on a line of their own',
      default: false,
    }),
    base: Flags.string({
      description: 'the base image, by base catalog name or digest, instead of detecting it',
      helpValue: 'NAME',
    }),
    parallel: Flags.integer({
      description: `images read at once when several are scanned (default: the machine's cores, at most 4)`,
      min: 1,
      max: 64,
      helpValue: 'N',
    }),
    ...imageSelectionFlags,
    ...stalenessFlags,
  };

  async run(): Promise<void> {
    const { args, argv, flags } = await this.parse(Scan);
    const images = await expandScanInputs(argv as string[]);
    const options = {
      dbFile: flags.db,
      ...stalenessOptions(flags),
      ...imageReadOptions(flags),
      store: flags.store,
      name: flags.name,
      ignoreAttestations: flags['ignore-attestations'],
      vexFile: flags.vex,
      base: flags.base,
    };
    if (images.length > 1 || images[0] !== args.image) {
      await scanSeveral(images, { ...options, parallel: flags.parallel }, flags['show-suppressed']);
      return;
    }
    const result = await scanImage(args.image, { ...options, onLayer: layerProgress() });
    printScanResult(result, flags['show-suppressed']);
  }
}
