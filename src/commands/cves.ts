import { Flags } from '@oclif/core';
import { outputFlag } from '../cli/image-flags.js';
import { imageArg, matchFlags, matchOptionsFromFlags, osOwnedFlag } from '../cli/match-flags.js';
import { writeOutput } from '../cli/output.js';
import { printWarnings } from '../cli/warnings.js';
import { ExitSignal, UserError } from '../errors.js';
import {
  FORMATS_WITH_SUPPRESSED,
  renderVulnReport,
  VULN_FORMATS,
  wantsColor,
  type VulnFormat,
} from '../report/vulns/index.js';
import { filterFlags, filtersFromFlags } from '../cli/cves-filters.js';
import { cvesReport, unassessedOsPackages } from '../services/cves.js';
import { suppressedSection } from '../report/vex/render.js';
import { BaseCommand } from './base-command.js';
import { htmlReportForImage } from '../services/html-report.js';
import { renderHtmlReport } from '../report/html/render.js';
import { vexFlags, vexOptions } from '../cli/vex-flags.js';

export default class Cves extends BaseCommand {
  static override summary = 'List the vulnerabilities of an image tarball';
  static override description = `Reads the image (docker save / oci-archive tarball or OCI layout directory), lists its packages and matches them against the installed advisory database: OS packages by their distribution's own security data, language packages by OSV ranges. Every report names the database's sequence, data dates and age.`;
  static override examples = [
    '<%= config.bin %> cves ./postgres.tar',
    '<%= config.bin %> cves ./postgres.tar --format only-packages --only-vuln-packages --only-severity critical',
    '<%= config.bin %> cves ./app.tar --only-package-type npm,deb --only-fixed --format sarif --output app.sarif',
    '<%= config.bin %> cves ./app.tar --exit-code --only-severity critical,high',
  ];

  static override args = imageArg;

  static override flags = {
    format: Flags.string({
      char: 'f',
      description: 'output format (html: one self-contained file, best with -o)',
      options: [...VULN_FORMATS, 'html'],
      default: 'packages',
    }),
    policy: Flags.string({
      description: 'with --format html: the policy file (default: $AIRLOCK_HOME/policy.yaml when it exists)',
      helpValue: 'FILE',
    }),
    ...filterFlags,
    'only-vuln-packages': Flags.boolean({
      description: 'list only packages with vulnerabilities (only-packages format)',
      default: false,
    }),
    details: Flags.boolean({
      description: "with the packages format: each vulnerability's description, references and source",
      default: false,
    }),
    epss: Flags.boolean({
      description: 'with the packages format: show every EPSS score and list the most likely exploited first',
      default: false,
    }),
    locations: Flags.boolean({
      description: 'with the packages format: the files and layers each vulnerable package was found in',
      default: false,
    }),
    'exit-code': Flags.boolean({
      char: 'e',
      description:
        'exit with status 2 when any vulnerability is left after the filters, 3 when none is but OS packages could not be assessed (no advisory data for the release, distro unknown)',
      default: false,
    }),
    'allow-unassessed': Flags.boolean({
      description: 'with --exit-code: OS packages the database has no data for do not make the exit status non-zero',
      default: false,
    }),
    ...osOwnedFlag,
    ...vexFlags,
    'show-suppressed': Flags.boolean({ description: 'list the findings VEX statements suppressed', default: false }),
    'only-base': Flags.boolean({
      description: "only findings of the base image's layers (base from the catalog: airlock base add)",
      default: false,
      exclusive: ['ignore-base'],
    }),
    'ignore-base': Flags.boolean({
      description: "only the image's own findings, leaving out those of its base image's layers",
      default: false,
      exclusive: ['only-base'],
    }),
    base: Flags.string({
      description:
        'with --only-base / --ignore-base: the base image, by base catalog name or digest, instead of detecting it',
      helpValue: 'NAME',
    }),
    ...outputFlag,
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Cves);
    const filters = filtersFromFlags(flags);
    if (flags.format === 'html') {
      if (flags['only-base'] || flags['ignore-base'])
        throw new UserError('--format html shows the whole image; --only-base and --ignore-base do not apply to it', {
          hint: "its layer chart and each finding's layer show what the base brought in",
        });
      const data = await htmlReportForImage(args.image, {
        ...matchOptionsFromFlags(flags),
        filters,
        ...vexOptions(flags),
        policyFile: flags.policy,
      });
      writeOutput(renderHtmlReport(data), flags.output);
      const found = data.images[0].report;
      printWarnings(found.warnings);
      if (flags['exit-code'] && found.findings.length > 0)
        throw new ExitSignal(2, `${found.findings.length} vulnerabilities left after filters (--exit-code)`);
      return;
    }
    if (flags.base !== undefined && !flags['only-base'] && !flags['ignore-base'])
      throw new UserError('--base names the base to split on: pass --only-base or --ignore-base with it');
    const report = await cvesReport(args.image, {
      ...matchOptionsFromFlags(flags),
      filters,
      ...vexOptions(flags),
      showSuppressed: flags['show-suppressed'] || FORMATS_WITH_SUPPRESSED.includes(flags.format as VulnFormat),
      baseFilter: flags['only-base'] ? 'only-base' : flags['ignore-base'] ? 'ignore-base' : undefined,
      base: flags.base,
    });
    const style = { color: wantsColor(process.stdout, process.env, flags.output) };
    const textual = ['packages', 'only-packages', 'markdown'].includes(flags.format);
    const vexText = textual ? suppressedSection(report, style, flags.format === 'markdown') : '';
    writeOutput(
      renderVulnReport(report, flags.format as VulnFormat, style, {
        locations: flags.locations,
        details: flags.details,
        epss: flags.epss,
      }) + vexText,
      flags.output,
    );
    if (flags.output || !['packages', 'only-packages'].includes(flags.format)) printWarnings(report.warnings);
    if (flags['exit-code'] && report.findings.length > 0) {
      throw new ExitSignal(2, `${report.findings.length} vulnerabilities left after filters (--exit-code)`);
    }
    const packages = unassessedOsPackages(report);
    if (flags['exit-code'] && !flags['allow-unassessed'] && packages > 0) {
      throw new ExitSignal(
        3,
        `${packages} OS packages could not be assessed (--exit-code; --allow-unassessed accepts that)`,
      );
    }
  }
}
