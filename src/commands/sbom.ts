import { Args, Flags } from '@oclif/core';
import { BaseCommand } from './base-command.js';
import { imageReadOptions, imageSelectionFlags, outputFlag } from '../cli/image-flags.js';
import { writeOutput } from '../cli/output.js';
import { layerProgress } from '../cli/progress.js';
import { renderCycloneDx, renderSbomJson, renderSbomTable, renderSpdx } from '../report/sbom/index.js';
import { generateSbom } from '../services/sbom.js';
import { reportWarnings } from '../cli/warnings.js';
import { PACKAGE_TYPES } from '../ecosystems/table.js';
import { parseList } from '../cli/cves-filters.js';

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
    // `list` is Docker Scout's name for the table; `table` stays airlock's.
    format: Flags.string({
      char: 'f',
      description: 'output format (list is the table, as Docker Scout names it)',
      options: ['table', 'list', 'json', 'cyclonedx', 'spdx'],
      default: 'table',
    }),
    'only-package-type': Flags.string({
      description: 'only these package types: deb,apk,rpm,npm,pypi,maven,golang,cargo,gem,composer,nuget',
      helpValue: 'LIST',
    }),
    ...outputFlag,
    ...imageSelectionFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Sbom);
    const types = parseList('only-package-type', flags['only-package-type'], PACKAGE_TYPES);
    const full = await generateSbom(args.image, { ...imageReadOptions(flags), onLayer: layerProgress() });
    const sbom = types ? { ...full, packages: full.packages.filter((p) => types.includes(p.type)) } : full;
    const table = () =>
      renderSbomTable(sbom, {
        color: !flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
        width: process.stdout.columns,
      });
    const render = {
      list: table,
      table,
      json: () => renderSbomJson(sbom),
      cyclonedx: () => renderCycloneDx(sbom),
      spdx: () => renderSpdx(sbom),
    }[flags.format as 'table' | 'list' | 'json' | 'cyclonedx' | 'spdx'];
    writeOutput(render(), flags.output);
    reportWarnings(sbom.warnings);
  }
}
