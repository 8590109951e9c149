import { Args, Flags } from '@oclif/core';
import { importDatabase } from '../../services/db.js';
import { mb } from '../../bundle/import-space.js';
import { renderReevaluation } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class DbImport extends BaseCommand {
  static override summary = 'Install a signed advisory bundle as the database scans use';
  static override description = `PATH is a bundle file or a directory, from which the newest valid bundle is taken. The bundle is verified, unpacked beside the installed database, checked, and swapped in with one rename; the database it replaces is kept for \`airlock db rollback\`. Any failure leaves the installed database as it was.`;
  static override examples = ['<%= config.bin %> db import /media/usb/advisories.airlock', '<%= config.bin %> db import /media/usb/'];
  static override args = { path: Args.string({ description: 'bundle file or directory of bundles', required: true }) };
  static override flags = {
    'allow-expired': Flags.boolean({ description: 'install a bundle past its expiry date (prints a warning)', default: false }),
    'allow-downgrade': Flags.boolean({ description: 'install a bundle whose sequence is not above the installed one', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(DbImport);
    const done = await importDatabase({
      path: args.path,
      allowExpired: flags['allow-expired'],
      allowDowngrade: flags['allow-downgrade'],
      // Said before the import runs, so they stand even when it fails.
      onTrustWarnings: (warnings) => {
        for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      },
    });
    const result = done.imported;
    for (const s of result.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const m = result.manifest;
    const from = result.previousSequence === undefined ? '' : ` (was ${result.previousSequence})`;
    this.log(`installed ${result.bundleFile}: sequence ${m.sequence}${from}, signed by ${result.signer}, created ${m.created}`);
    this.log(`  disk: needed ${mb(result.space.needed)} in $AIRLOCK_HOME, ${mb(result.space.available)} was free`);
    for (const s of m.sources) this.log(`  ${s.name}: ${s.records} records${s.dataDate ? `, data ${s.dataDate}` : ''}`);
    if (done.reevaluation) process.stdout.write(renderReevaluation(done.reevaluation));
    if (done.reevaluationFailure) process.stderr.write(`warning: ${done.reevaluationFailure}\n`);
    if (done.addedBases.length) this.log(`added ${done.addedBases.length} base images from the bundle: ${done.addedBases.join(', ')}`);
    if (done.basesFailure !== undefined) process.stderr.write(`warning: the bundle's base images were not added to the catalog: ${done.basesFailure}\n`);
  }
}
