/** `--format json`: the report as it is; the contract is documented in JSON.md. */
import type { VulnReport } from '../../findings/model.js';

export function renderVulnJson(r: VulnReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
