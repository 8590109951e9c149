import { Args, Flags } from '@oclif/core';
import { BaseCommand } from './base-command.js';
import { imageReadOptions, imageSelectionFlags, outputFlag } from '../cli/image-flags.js';
import { writeOutput } from '../cli/output.js';
import { layerProgress } from '../cli/progress.js';
import { renderCycloneDx, renderSbomJson, renderSbomTable, renderSpdx } from '../report/sbom/index.js';
import { generateSbom } from '../services/sbom.js';
import { reportWarnings } from '../cli/warnings.js';

export default class Sbom extends BaseCommand {
  static override summary = 'List the packages in an image tarball (its SBOM)';
  static override description = `Reads a docker save / oci-archive tarball (optionally gzip or zstd compressed) or an OCI layout directory from disk, applies its layers and catalogs its OS packages. Never contacts a daemon or the network.`;
  static override examples = [
    '<%= config.bin %> sbom ./app.tar',
    '<%= config.bin %> sbom ./app.tar --format cyclonedx --output app.cdx.json',
    '<%= config.bin %> sbom ./multi.tar --image myapp:1.2 --platform linux/arm64',
  ];

  static override args = {
    image: Args.string({ description: 'image tarball or OCI layout directory', required: true }),
  };

  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: ['table', 'json', 'cyclonedx', 'spdx'], default: 'table' }),
    ...outputFlag,
    ...imageSelectionFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Sbom);
    const sbom = await generateSbom(args.image, { ...imageReadOptions(flags), onLayer: layerProgress() });
    const render = {
      table: () => renderSbomTable(sbom, { color: !flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR, width: process.stdout.columns }),
      json: () => renderSbomJson(sbom),
      cyclonedx: () => renderCycloneDx(sbom),
      spdx: () => renderSpdx(sbom),
    }[flags.format as 'table' | 'json' | 'cyclonedx' | 'spdx'];
    writeOutput(render(), flags.output);
    reportWarnings(sbom.warnings);
  }
}
