import { Flags } from '@oclif/core';
import { wantsColor } from '../../report/vulns/index.js';
import { listImages } from '../../services/images.js';
import { renderImages } from '../../report/store/render.js';
import { BaseCommand } from '../base-command.js';

export default class Images extends BaseCommand {
  static override summary = 'List the stored images with their current vulnerability counts';
  static override description = `Each image stored by \`airlock scan\`: its names, digest (the image ID), when it was scanned, and its C/H/M/L/U counts as of the last re-evaluation (SEQ is the advisory bundle sequence they were computed at). STALE marks a snapshot made by older catalogers than this airlock's: scan the image again to refresh it.`;
  static override examples = ['<%= config.bin %> images', '<%= config.bin %> images --json'];
  static override flags = {
    json: Flags.boolean({ description: 'print the stored images as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Images);
    const images = await listImages();
    if (flags.json) this.log(JSON.stringify(images, null, 2));
    else process.stdout.write(renderImages(images, { color: wantsColor(process.stdout) }));
  }
}
