import { Args, Flags } from '@oclif/core';
import { wantsColor } from '../../report/vulns/index.js';
import { imageChanges } from '../../services/images.js';
import { renderChanges } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class ImagesChanges extends BaseCommand {
  static override summary = 'What re-evaluations changed in the stored images, newest first';
  static override description =
    'Every `airlock db import` and `db rollback` re-evaluates the stored images against the new advisory database and keeps, per image whose findings changed, the new and resolved findings and those whose severity, status or fixed version changed.';
  static override examples = ['<%= config.bin %> images changes', '<%= config.bin %> images changes app:1.0 --json'];
  static override args = {
    image: Args.string({ description: 'only this stored image (name or digest prefix)', required: false }),
  };
  static override flags = {
    json: Flags.boolean({ description: 'print the change sets as JSON', default: false }),
    limit: Flags.integer({ description: 'at most this many change sets', default: 20, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ImagesChanges);
    const changes = await imageChanges(args.image, { limit: flags.limit });
    if (flags.json) this.log(JSON.stringify(changes, null, 2));
    else process.stdout.write(renderChanges(changes, { color: wantsColor(process.stdout) }));
  }
}
