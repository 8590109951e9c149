import { Args, Flags } from '@oclif/core';
import { imageReadOptions, imageSelectionFlags, outputFlag, stalenessFlags, stalenessOptions } from '../cli/image-flags.js';
import { writeOutput } from '../cli/output.js';
import { layerProgress } from '../cli/progress.js';
import { ExitSignal } from '../errors.js';
import { renderVulnReport, VULN_FORMATS, wantsColor, type VulnFormat } from '../report/vulns/index.js';
import { cvesReport, filtersFromFlags } from '../services/cves.js';
import { suppressedSection } from '../vex/render.js';
import { BaseCommand } from './base-command.js';

export default class Cves extends BaseCommand {
  static override summary = 'List the vulnerabilities of an image tarball';
  static override description = `Reads the image (docker save / oci-archive tarball or OCI layout directory), lists its packages and matches them against the installed advisory database: OS packages by their distribution's own security data, language packages by OSV ranges. Every report names the database's sequence, data dates and age.`;
  static override examples = [
    '<%= config.bin %> cves ./postgres.tar',
    '<%= config.bin %> cves ./postgres.tar --format only-packages --only-vuln-packages --only-severity critical',
    '<%= config.bin %> cves ./app.tar --only-package-type npm,deb --only-fixed --format sarif --output app.sarif',
    '<%= config.bin %> cves ./app.tar --exit-code --only-severity critical,high',
  ];

  static override args = {
    image: Args.string({ description: 'image tarball, OCI layout directory, sbom:FILE, or a stored image', required: true }),
  };

  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: [...VULN_FORMATS], default: 'packages' }),
    'only-severity': Flags.string({ description: 'only these severities: critical,high,medium,low,unspecified', helpValue: 'LIST' }),
    'only-package-type': Flags.string({ description: 'only these package types: deb,apk,rpm,npm,pypi,maven,golang,cargo,gem,composer,nuget', helpValue: 'LIST' }),
    'only-vuln-packages': Flags.boolean({ description: 'list only packages with vulnerabilities (only-packages format)', default: false }),
    'only-fixed': Flags.boolean({ description: 'only vulnerabilities with a fixed version', default: false }),
    'only-unfixed': Flags.boolean({ description: 'only vulnerabilities without a fixed version', default: false }),
    'only-cisa-kev': Flags.boolean({ description: 'only vulnerabilities in the CISA Known Exploited Vulnerabilities catalog', default: false }),
    'only-cve-id': Flags.string({ description: 'only these vulnerabilities, by id or alias: CVE-2023-45853,GHSA-…', helpValue: 'LIST' }),
    'only-package': Flags.string({ description: 'only packages whose name or source package matches one of these regular expressions: zlib1g,^openssl', helpValue: 'LIST' }),
    'only-metric': Flags.string({ description: 'only vulnerabilities whose CVSS vector has all these metrics: AV:N,PR:N', helpValue: 'LIST' }),
    'epss-score': Flags.string({ description: 'only vulnerabilities with an EPSS score of at least this (0 to 1)', helpValue: 'SCORE' }),
    'epss-percentile': Flags.string({ description: 'only vulnerabilities with an EPSS percentile of at least this (0 to 1)', helpValue: 'PERCENTILE' }),
    locations: Flags.boolean({ description: 'with the packages format: the files and layers each vulnerable package was found in', default: false }),
    'exit-code': Flags.boolean({ description: 'exit with status 2 when any vulnerability is left after the filters', default: false }),
    db: Flags.string({ description: 'advisory database to use (default: the installed one)', helpValue: 'FILE' }),
    'ignore-attestations': Flags.boolean({ description: 'read the layers even when the image carries an SBOM attestation', default: false }),
    vex: Flags.string({ description: 'OpenVEX document whose not_affected/fixed statements suppress findings (default: the one airlock review writes, if any)', helpValue: 'FILE' }),
    'show-suppressed': Flags.boolean({ description: 'list the findings VEX statements suppressed', default: false }),
    'only-base': Flags.boolean({ description: "only findings of the base image's layers (base from the catalog: airlock base add)", default: false, exclusive: ['ignore-base'] }),
    'ignore-base': Flags.boolean({ description: "only the image's own findings, leaving out those of its base image's layers", default: false, exclusive: ['only-base'] }),
    base: Flags.string({ description: 'with --only-base / --ignore-base: the base image, by base catalog name or digest, instead of detecting it', helpValue: 'NAME' }),
    ...outputFlag,
    ...imageSelectionFlags,
    ...stalenessFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Cves);
    const filters = filtersFromFlags(flags);
    const report = await cvesReport(args.image, { dbFile: flags.db, ...stalenessOptions(flags), ...imageReadOptions(flags), onLayer: layerProgress(), filters, ignoreAttestations: flags['ignore-attestations'], vexFile: flags.vex, showSuppressed: flags['show-suppressed'], baseFilter: flags['only-base'] ? 'only-base' : flags['ignore-base'] ? 'ignore-base' : undefined, base: flags.base });
    const style = { color: wantsColor(process.stdout, process.env, flags.output) };
    const textual = ['packages', 'only-packages', 'markdown'].includes(flags.format);
    const vexText = textual ? suppressedSection(report, style, flags.format === 'markdown') : '';
    writeOutput(renderVulnReport(report, flags.format as VulnFormat, style, { locations: flags.locations }) + vexText, flags.output);
    if (flags.output || !['packages', 'only-packages'].includes(flags.format)) for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    if (flags['exit-code'] && report.findings.length > 0) {
      throw new ExitSignal(2, `${report.findings.length} vulnerabilities left after filters (--exit-code)`);
    }
  }
}
