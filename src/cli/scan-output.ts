/** What `scan` prints for one image: its quickview, where it was stored, its warnings. */
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickviewSuppressedLine } from '../report/vex/render.js';
import { renderStored } from '../report/store/render.js';
import type { ScanResult } from '../services/scan.js';
import { printWarnings } from './warnings.js';

export function printScanResult(result: ScanResult, showSuppressed: boolean): void {
  const style = { color: wantsColor(process.stdout) };
  process.stdout.write(
    renderQuickview(result.quickview, style) + quickviewSuppressedLine(result.quickview, showSuppressed, style),
  );
  if (result.stored) process.stdout.write(`${renderStored(result.stored, result.replaced)}\n`);
  printWarnings(result.quickview.warnings);
}
