/**
 * The EPSS thresholds of `airlock cves`, on the scores of the real EPSS file in
 * ../shared/feeds (none of the shared images has a CVE that file scores, so the end-to-end
 * test can only show that unscored findings are left out).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeader, parseMetadataLine, parseRow } from '../feeds/epss/csv.js';
import type { Finding } from '../match/types.js';
import { filtersFromFlags } from '../cli/cves-filters.js';
import { keepFinding } from './cves.js';

const [meta, header, ...rows] = readFileSync(
  path.resolve(process.cwd(), '../shared/feeds/epss/epss_scores-2024-10-25.excerpt.csv'),
  'utf8',
)
  .trim()
  .split('\n');
const scores = rows.map((line) => parseRow(line, parseHeader(header)!, parseMetadataLine(meta)));
const finding = (cve: string): Finding => {
  const epss = scores.find((s) => s.cve === cve)!;
  return {
    vulnId: cve,
    aliases: [],
    status: 'no_fix_yet',
    epss,
    severity: { band: 'unspecified' },
    references: [],
    namespace: 'debian:bookworm',
    source: 'test',
    package: { name: 'p', version: '1', type: 'deb', purl: 'pkg:deb/debian/p@1', locations: [] },
  };
};

describe('EPSS thresholds', () => {
  it('keep findings at or above the score or percentile given', () => {
    // CVE-1999-0005 scores 0.91963 (percentile 0.99030), CVE-1999-0007 0.00073 (0.32734).
    const high = finding('CVE-1999-0005');
    const low = finding('CVE-1999-0007');
    expect([high.epss, low.epss]).toMatchObject([
      { epss: 0.91963, percentile: 0.9903 },
      { epss: 0.00073, percentile: 0.32734 },
    ]);
    const keep = (flags: Record<string, string>) =>
      [high, low].filter((f) => keepFinding(f, filtersFromFlags(flags))).map((f) => f.vulnId);
    expect(keep({ 'epss-score': '0.5' })).toEqual(['CVE-1999-0005']);
    expect(keep({ 'epss-score': '0.00073' })).toEqual(['CVE-1999-0005', 'CVE-1999-0007']);
    expect(keep({ 'epss-percentile': '0.99' })).toEqual(['CVE-1999-0005']);
    expect(keep({ 'epss-percentile': '0.995' })).toEqual([]);
    expect(keep({ 'only-cve-id': 'cve-1999-0007, CVE-2000-1' })).toEqual(['CVE-1999-0007']);
  });

  it('refuses values that are not fractions, and empty lists', () => {
    for (const value of ['', 'x', '-0.1', '1.5', '50%'])
      expect(() => filtersFromFlags({ 'epss-score': value })).toThrow(/--epss-score: .* is not a number from 0 to 1/);
    expect(() => filtersFromFlags({ 'only-package': ' , ' })).toThrow('--only-package: no value given');
  });
});
