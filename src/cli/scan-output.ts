/** What `scan` prints for one image: its quickview, where it was stored, its warnings. */
import { renderQuickview, wantsColor } from '../report/vulns/index.js';
import { quickviewSuppressedLine } from '../report/vex/render.js';
import type { ScanResult } from '../services/scan.js';
import { shortDigest } from '../store/images.js';

export function printScanResult(result: ScanResult, showSuppressed: boolean): void {
  const style = { color: wantsColor(process.stdout) };
  process.stdout.write(
    renderQuickview(result.quickview, style) + quickviewSuppressedLine(result.quickview, showSuppressed, style),
  );
  if (result.stored) {
    const names = result.stored.names.length > 0 ? result.stored.names.join(', ') : 'no name (use --name)';
    const verb = result.replaced ? 'Replaced the stored snapshot of' : 'Stored';
    process.stdout.write(`${verb} ${shortDigest(result.stored.key)}: ${names}\n`);
  }
  for (const w of result.quickview.warnings) process.stderr.write(`warning: ${w}\n`);
}
