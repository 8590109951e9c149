/**
 * Coverage as every text report shows it: one "Matched" line naming, per package source,
 * the namespace it was looked up in and how much data the database had there, and a loud
 * line for each source that got no verdict (no data for the release, distro unknown) and
 * for a release past its end of life. A clean count over unassessed packages is not clean.
 */
import type { Coverage } from '../../match/coverage.js';
import { coverageBasis, coverageWarnings, unassessed } from '../../match/coverage-text.js';
import type { Distro } from '../../sbom/model.js';
import { faint, red, type Style } from './style.js';

/** `14 apk → alpine:3.20 (alpine-secdb, 10466 records) · 2 pypi → PyPI (osv, 3000 records)` */
export function matchedLine(coverage: Coverage): string {
  return coverage.entries.map((e) => `${e.packages} ${e.packageType} → ${coverageBasis(e)}`).join(' · ');
}

/** The lines under a count: the basis (faint), then every coverage warning (red, prefixed `!`). */
export function coverageLines(
  coverage: Coverage | undefined,
  distro: Distro | undefined,
  style: Style,
  indent = '    ',
): string[] {
  if (!coverage || coverage.entries.length === 0) return [];
  const lines = [faint(style, `${indent}Matched against: ${matchedLine(coverage)}`)];
  for (const warning of coverageWarnings(coverage, distro)) lines.push(red(style, `${indent}! ${warning}`));
  return lines;
}

/** Whether a report over this coverage may call itself clean: every OS package got a verdict. */
export function osAssessed(coverage: Coverage | undefined): boolean {
  return unassessed(coverage, true).length === 0;
}

/** A report's coverage in the shape the lines take (reports keep entries and end of life apart). */
export function reportCoverage(r: { coverage?: Coverage['entries']; endOfLife?: Coverage['endOfLife'] }): Coverage {
  return { entries: r.coverage ?? [], ...(r.endOfLife ? { endOfLife: r.endOfLife } : {}) };
}
