import { Args, Flags } from '@oclif/core';
import { readBundledBases } from '../../bundle/base-images.js';
import { addBundledBases } from '../../services/bundled-bases.js';
import { importBundle } from '../../bundle/import.js';
import { loadDefaultTrustStore } from '../../bundle/trust.js';
import { statePaths } from '../../config/paths.js';
import { reevaluateAfterDatabaseChange } from '../../services/images.js';
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
    const paths = statePaths();
    const trust = await loadDefaultTrustStore(paths.keyring);
    for (const w of trust.warnings) process.stderr.write(`warning: ${w}\n`);
    const result = await importBundle({ path: args.path, paths, trust, allowExpired: flags['allow-expired'], allowDowngrade: flags['allow-downgrade'] });
    for (const s of result.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const m = result.manifest;
    const from = result.previousSequence === undefined ? '' : ` (was ${result.previousSequence})`;
    this.log(`installed ${result.bundleFile}: sequence ${m.sequence}${from}, signed by ${result.signer}, created ${m.created}`);
    for (const s of m.sources) this.log(`  ${s.name}: ${s.records} records${s.dataDate ? `, data ${s.dataDate}` : ''}`);
    // Stored snapshots meet the new advisories now; the import above stands whatever happens here.
    const after = await reevaluateAfterDatabaseChange({ storeFile: paths.snapshotDb, dbFile: paths.advisoryDb, trigger: 'db import' });
    if (after.result) process.stdout.write(renderReevaluation(after.result));
    if (after.failure) process.stderr.write(`warning: ${after.failure}\n`);
    // Base images the bundle carries join the local catalog; a failure here never undoes the import.
    try {
      const added = await addBundledBases(await readBundledBases(paths.advisoryDb), { storeFile: paths.snapshotDb, dbFile: paths.advisoryDb });
      if (added.length) this.log(`added ${added.length} base images from the bundle: ${added.join(', ')}`);
    } catch (err) {
      process.stderr.write(`warning: the bundle's base images were not added to the catalog: ${(err as Error).message}\n`);
    }
  }
}
