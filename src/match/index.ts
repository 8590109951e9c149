/** Matching an SBOM against the advisory database. */
export { matchSbom, planQueries, compareFindings, isOsOwned, type MatchOptions } from './match-sbom.js';
export { matchers } from './matchers/index.js';
export type { Matcher, PackageQuery } from './matcher.js';
export type { Finding, FindingStatus, PackageRef } from './types.js';
export { rangeVerdict, listedVersion } from './osv-range.js';
