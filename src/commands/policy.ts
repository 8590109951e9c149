import { Flags } from '@oclif/core';
import { outputFlag } from '../cli/image-flags.js';
import { imageArg, matchFlags, matchOptionsFromFlags, textJsonMarkdownFlag } from '../cli/match-flags.js';
import { printWarnings } from '../cli/warnings.js';
import { writeOutput } from '../cli/output.js';
import { ExitSignal } from '../errors.js';
import { renderPolicyMarkdown, renderPolicyText } from '../report/policy/render.js';
import { wantsColor } from '../report/vulns/index.js';
import { policyReport } from '../services/policy.js';
import { BaseCommand } from './base-command.js';

export default class Policy extends BaseCommand {
  static override summary = "Evaluate an image against Docker Scout's policies, offline";
  static override description = `Evaluates the image (a tarball, an OCI layout directory, sbom:FILE, or a stored image) against the built-in policies, named as Docker Scout names them: no fixable critical or high vulnerabilities; no high-profile vulnerabilities (Scout's list and CISA KEV); no copyleft licenses (AGPL-1.0 and AGPL-3.0 by default, GPL when configured, from the SBOM's license data); no outdated base images (a newer build of the base's tag in the base catalog); a non-root default user (image config User); approved base images (a configured list); supply-chain attestations (SBOM and provenance in the archive). A policy without the data to decide it says "no data", which is not a failure. VEX decisions from \`airlock review\` are applied first.

The policy file (--policy, default $AIRLOCK_HOME/policy.yaml when it exists), YAML or JSON:
  policies:
    no-fixable-critical-high: { severities: [critical, high], fixable-only: true }
    no-high-profile-vulnerabilities: { cisa-kev: true, excluded-cves: [CVE-…] }
    no-copyleft-licenses: { licenses: [AGPL-3.0, GPL-2.0, GPL-3.0] }
    approved-base-images: { images: ["debian:*", "registry.local/base/*"] }
    supply-chain-attestations: { sbom: true, provenance: true }
    default-non-root-user: { enabled: false }
  exceptions:
    - { vulnerability: CVE-2023-45853, package: zlib1g, reason: "not reachable", expires: 2027-01-31 }
Every policy also takes enabled: false. Unknown keys are an error.`;
  static override examples = [
    '<%= config.bin %> policy ./app.tar',
    '<%= config.bin %> policy app:1.0 --policy policy.yaml --exit-code',
    '<%= config.bin %> policy ./app.tar --format markdown -o policy.md',
  ];
  static override args = imageArg;
  static override flags = {
    ...textJsonMarkdownFlag,
    policy: Flags.string({
      description: 'policy file, YAML or JSON (default: $AIRLOCK_HOME/policy.yaml when it exists)',
      helpValue: 'FILE',
    }),
    'exit-code': Flags.boolean({ char: 'e', description: 'exit with status 2 when any policy fails', default: false }),
    vex: Flags.string({
      description:
        'OpenVEX document whose not_affected/fixed statements suppress findings (default: the one airlock review writes, if any)',
      helpValue: 'FILE',
    }),
    ...outputFlag,
    ...matchFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Policy);
    const report = await policyReport(args.image, {
      ...matchOptionsFromFlags(flags),
      vexFile: flags.vex,
      policyFile: flags.policy,
    });
    const style = { color: wantsColor(process.stdout, process.env, flags.output) };
    const text =
      flags.format === 'json'
        ? JSON.stringify(report, null, 2)
        : flags.format === 'markdown'
          ? renderPolicyMarkdown(report)
          : renderPolicyText(report, style);
    writeOutput(text, flags.output);
    printWarnings(report.warnings);
    if (flags['exit-code'] && report.failed > 0) {
      const names = report.results.filter((r) => r.status === 'fail').map((r) => r.name);
      throw new ExitSignal(
        2,
        `${report.failed} ${report.failed === 1 ? 'policy' : 'policies'} failed: ${names.join('; ')} (--exit-code)`,
      );
    }
  }
}
