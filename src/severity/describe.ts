/** Severity in words, as reports print it: "LOW, CVSS 9.8 from NVD". */
import { BAND_LETTER, type SeverityBand } from './bands.js';
import type { SelectedSeverity } from './select.js';

const RATER_NAMES: Record<string, string> = {
  nvd: 'NVD',
  ghsa: 'GitHub',
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  redhat: 'Red Hat',
  'cisa-adp': 'CISA ADP',
  osv: 'OSV',
};

export function raterName(source: string): string {
  return RATER_NAMES[source] ?? source;
}

export function bandLabel(band: SeverityBand): string {
  return band.toUpperCase();
}

export function bandLetter(band: SeverityBand): string {
  return BAND_LETTER[band];
}

/** `LOW`, `LOW, CVSS 9.8 from NVD`, `HIGH, CVSS 7.5 from GitHub`, `UNSPECIFIED`: the score always names its rater. */
export function describeSeverity(s: SelectedSeverity): string {
  const label = bandLabel(s.band);
  return s.cvss ? `${label}, CVSS ${s.cvss.score.toFixed(1)} from ${raterName(s.cvss.source)}` : label;
}
