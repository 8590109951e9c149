/** Severity selection: which rater decides a finding's band, and the CVSS shown with it. */
export { BANDS, BAND_LETTER, bandForRating, bandForScore, bandRank, type SeverityBand } from './bands.js';
export { describeSeverity, bandLabel, bandLetter, raterName } from './describe.js';
export { selectSeverity, type CvssScore, type SelectedSeverity, type SeverityInput } from './select.js';
export { preferredRaters, fallbackRank } from './sources.js';
