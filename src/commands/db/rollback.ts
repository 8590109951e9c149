import { rollbackInstalledDatabase } from '../../services/db.js';
import { renderReevaluation } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class DbRollback extends BaseCommand {
  static override summary = 'Go back to the advisory database the last import replaced';
  static override description = 'Swaps the installed and the previous database, so running it again undoes the rollback.';
  static override examples = ['<%= config.bin %> db rollback'];

  async run(): Promise<void> {
    await this.parse(DbRollback);
    const { rollback: result, reevaluation, reevaluationFailure } = await rollbackInstalledDatabase();
    const replaced = result.replaced ? ` (sequence ${result.replaced.sequence} is kept as previous)` : '';
    this.log(`restored sequence ${result.restored.sequence} from ${result.restored.created}${replaced}`);
    if (reevaluation) process.stdout.write(renderReevaluation(reevaluation));
    if (reevaluationFailure) process.stderr.write(`warning: ${reevaluationFailure}\n`);
  }
}
