import { Args, Flags } from '@oclif/core';
import { addBaseImages } from '../../services/base/add.js';
import { renderAdded } from '../../report/base/render.js';
import { imageReadOptions, imageSelectionFlags } from '../../cli/image-flags.js';
import { layerProgress } from '../../cli/progress.js';
import { BaseCommand } from '../base-command.js';

export default class BaseAdd extends BaseCommand {
  static override summary = 'Add base images to the local base-image catalog';
  static override description = `Each image (a tarball, an OCI layout directory, or an image already stored by \`airlock scan\`) is analysed and stored like \`airlock scan\` stores it, then filed in the catalog under repository:tag with its diff_id chain and build date. \`airlock quickview\` detects an image's base from the catalog (the entry whose layers the image starts with, or the one its org.opencontainers.image.base.name label names) and offers newer builds of the same tag (refreshed) and newer tags of the same repository (updated). The name defaults to the archive's own RepoTags / OCI ref name.`;
  static override examples = [
    '<%= config.bin %> base add debian-bookworm-slim.tar --name debian:bookworm-slim',
    '<%= config.bin %> base add bookworm.tar trixie.tar bullseye.tar',
  ];
  static override strict = false;
  static override args = {
    image: Args.string({
      description: 'image tarball, OCI layout directory, or a stored image (one or more)',
      required: true,
    }),
  };
  static override flags = {
    name: Flags.string({
      description: 'repository:tag to file the image under (one image only)',
      helpValue: 'REPOSITORY:TAG',
    }),
    db: Flags.string({
      description: 'advisory database to evaluate it against (default: the installed one)',
      helpValue: 'FILE',
    }),
    'ignore-attestations': Flags.boolean({
      description: 'read the layers even when the image carries an SBOM attestation',
      default: false,
    }),
    ...imageSelectionFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(BaseAdd);
    const result = await addBaseImages(argv as string[], {
      name: flags.name,
      dbFile: flags.db,
      ...imageReadOptions(flags),
      onLayer: layerProgress(),
      ignoreAttestations: flags['ignore-attestations'],
    });
    process.stdout.write(renderAdded(result.added));
    for (const n of result.notices) process.stderr.write(`warning: ${n}\n`);
  }
}
