import { Flags } from '@oclif/core';
import { listBaseImages } from '../../services/base/manage.js';
import { renderBaseList } from '../../report/base/render.js';
import { wantsColor } from '../../report/vulns/index.js';
import { BaseCommand } from '../base-command.js';

export default class BaseList extends BaseCommand {
  static override summary = 'List the base-image catalog';
  static override description =
    'Every catalog entry: its repository:tag, digest (the image ID), build date, layer count, OS and the C/H/M/L/U counts of its stored findings (SEQ is the advisory bundle sequence they were computed at; `db import` re-evaluates them).';
  static override examples = ['<%= config.bin %> base list', '<%= config.bin %> base list --json'];
  static override flags = {
    json: Flags.boolean({ description: 'print the catalog as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BaseList);
    const entries = await listBaseImages();
    if (flags.json) this.log(JSON.stringify(entries, null, 2));
    else process.stdout.write(renderBaseList(entries, { color: wantsColor(process.stdout) }));
  }
}
