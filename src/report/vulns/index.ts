/** Renderers of a vulnerability report, one per `airlock cves --format`. */
import { renderVulnCycloneDx } from './cyclonedx.js';
import { renderVulnJson } from './json.js';
import { renderGitlab } from './gitlab.js';
import { renderMarkdown } from './markdown.js';
import type { VulnReport } from '../../findings/model.js';
import { renderOnlyPackages } from './only-packages.js';
import { renderPackagesTable, type PackagesTableOptions } from './packages-table.js';
import { renderSarif } from './sarif.js';
import { renderVulnSpdx } from './spdx.js';
import type { Style } from './style.js';

export const VULN_FORMATS = [
  'packages',
  'only-packages',
  'json',
  'sarif',
  'cyclonedx',
  'spdx',
  'markdown',
  'gitlab',
] as const;
export type VulnFormat = (typeof VULN_FORMATS)[number];

/** Formats that carry the findings VEX suppressed, marked as such (SARIF suppressions, CycloneDX not_affected). */
export const FORMATS_WITH_SUPPRESSED: readonly VulnFormat[] = ['sarif', 'cyclonedx'];

export function renderVulnReport(
  report: VulnReport,
  format: VulnFormat,
  style: Style,
  options: PackagesTableOptions = {},
): string {
  switch (format) {
    case 'packages':
      return renderPackagesTable(report, style, options);
    case 'only-packages':
      return renderOnlyPackages(report, style);
    case 'json':
      return renderVulnJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'cyclonedx':
      return renderVulnCycloneDx(report);
    case 'spdx':
      return renderVulnSpdx(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'gitlab':
      return renderGitlab(report);
  }
}

export { renderQuickview } from './quickview.js';
export { renderCompare } from './compare.js';
export { wantsColor, PLAIN, type Style } from './style.js';
export type { VulnReport, DatabaseInfo, SeverityCounts, ReportFilters } from '../../findings/model.js';
