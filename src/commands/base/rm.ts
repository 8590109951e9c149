import { Args } from '@oclif/core';
import { removeBaseImages } from '../../services/base/manage.js';
import { renderRemovedBases } from '../../report/base/render.js';
import { BaseCommand } from '../base-command.js';

export default class BaseRm extends BaseCommand {
  static override summary = 'Take an image out of the base-image catalog';
  static override description =
    'NAME takes every build filed under it out of the catalog; a digest prefix takes that one build out under every name. A snapshot `base add` stored leaves the store with its last catalog name; one stored by `airlock scan` stays among the stored images.';
  static override examples = ['<%= config.bin %> base rm debian:bullseye', '<%= config.bin %> base rm af55edd7567e'];
  static override args = {
    name: Args.string({ description: 'a catalog name (repository:tag) or digest prefix', required: true }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(BaseRm);
    const result = await removeBaseImages(args.name);
    for (const line of renderRemovedBases(result)) this.log(line);
  }
}
