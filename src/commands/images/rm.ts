import { Args } from '@oclif/core';
import { removeImage } from '../../services/images.js';
import { renderRemovedImage } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class ImagesRm extends BaseCommand {
  static override summary = 'Remove a stored image: its snapshot, findings and change history';
  static override examples = ['<%= config.bin %> images rm app:1.0', '<%= config.bin %> images rm 83b9a077b6b4'];
  static override args = {
    image: Args.string({ description: 'a stored image name or digest prefix', required: true }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(ImagesRm);
    const removed = await removeImage(args.image);
    this.log(renderRemovedImage(removed));
  }
}
