import { Flags } from '@oclif/core';
import { statusLines } from '../../report/bundle/render.js';
import { installedDatabaseStatus } from '../../services/db.js';
import { BaseCommand } from '../base-command.js';

export default class DbStatus extends BaseCommand {
  static override summary = 'Show the installed advisory database: sources, data dates, counts, age, signer';
  static override examples = ['<%= config.bin %> db status', '<%= config.bin %> db status --json'];
  static override flags = {
    json: Flags.boolean({ description: 'print the status as JSON (fields as in `DatabaseStatus`, src/bundle/status.ts)', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(DbStatus);
    const status = await installedDatabaseStatus();
    if (flags.json) this.log(JSON.stringify(status, null, 2));
    else for (const line of statusLines(status)) this.log(line);
  }
}
