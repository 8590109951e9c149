import { rollbackDatabase } from '../../bundle/rollback.js';
import { statePaths } from '../../config/paths.js';
import { reevaluateAfterDatabaseChange } from '../../services/images.js';
import { renderReevaluation } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class DbRollback extends BaseCommand {
  static override summary = 'Go back to the advisory database the last import replaced';
  static override description = 'Swaps the installed and the previous database, so running it again undoes the rollback.';
  static override examples = ['<%= config.bin %> db rollback'];

  async run(): Promise<void> {
    await this.parse(DbRollback);
    const paths = statePaths();
    const result = await rollbackDatabase(paths);
    const replaced = result.replaced ? ` (sequence ${result.replaced.sequence} is kept as previous)` : '';
    this.log(`restored sequence ${result.restored.sequence} from ${result.restored.created}${replaced}`);
    const after = await reevaluateAfterDatabaseChange({ storeFile: paths.snapshotDb, dbFile: paths.advisoryDb, trigger: 'db rollback' });
    if (after.result) process.stdout.write(renderReevaluation(after.result));
    if (after.failure) process.stderr.write(`warning: ${after.failure}\n`);
  }
}
