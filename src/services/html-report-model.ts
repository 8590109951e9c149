/** What the HTML report renders: plain data gathered by src/services/html-report.ts. */
import type { SeverityRecord } from '../advisories/model.js';
import type { Layer } from '../sbom/model.js';
import type { PolicyReport } from './policy.js';
import type { QuickviewResult } from './quickview.js';
import type { VexReport } from '../vex/reports.js';
import type { DatabaseInfo } from '../findings/model.js';

export interface HtmlImage {
  /** What to call the image (its stored name, repo:tag or file name). */
  label: string;
  scannedAt?: string;
  /** The findings after filters and VEX, with the suppressed ones listed. */
  report: VexReport;
  quickview: QuickviewResult;
  policy: PolicyReport;
  layers: Layer[];
  /** Every source's rating, by vulnerability id and alias. */
  severities: Record<string, SeverityRecord[]>;
}

export interface HtmlReportData {
  title: string;
  generatedAt: string;
  tool: { name: 'airlock'; version: string };
  database: DatabaseInfo;
  images: HtmlImage[];
}
