/**
 * `airlock cves` filter flags, as Docker Scout names them (`--only-severity`,
 * `--only-package-type`, `--only-cve-id`, `--epss-score`, …), parsed into the typed
 * ReportFilters the cves service takes. Services know no flags; this is the edge's job.
 */
import { Flags } from '@oclif/core';
import type { ReportFilters } from '../findings/model.js';
import { UserError } from '../errors.js';
import { PACKAGE_TYPES } from '../ecosystems/table.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unspecified'] as const;

/** The finding filters `cves` and `compare` share; `filtersFromFlags` reads them. */
export const filterFlags = {
  'only-severity': Flags.string({
    description: `only these severities: ${SEVERITIES.join(',')}`,
    helpValue: 'LIST',
  }),
  'only-package-type': Flags.string({
    description: `only these package types: ${PACKAGE_TYPES.join(',')}`,
    helpValue: 'LIST',
  }),
  'only-fixed': Flags.boolean({ description: 'only vulnerabilities with a fixed version', default: false }),
  'only-unfixed': Flags.boolean({ description: 'only vulnerabilities without a fixed version', default: false }),
  'only-cisa-kev': Flags.boolean({
    description: 'only vulnerabilities in the CISA Known Exploited Vulnerabilities catalog',
    default: false,
  }),
  'only-cve-id': Flags.string({
    description: 'only these vulnerabilities, by id or alias: CVE-2023-45853,GHSA-…',
    helpValue: 'LIST',
  }),
  'only-package': Flags.string({
    description: 'only packages whose name or source package matches one of these regular expressions: zlib1g,^openssl',
    helpValue: 'LIST',
  }),
  'only-metric': Flags.string({
    description: 'only vulnerabilities whose CVSS vector has all these metrics: AV:N,PR:N',
    helpValue: 'LIST',
  }),
  'epss-score': Flags.string({
    description: 'only vulnerabilities with an EPSS score of at least this (0 to 1)',
    helpValue: 'SCORE',
  }),
  'epss-percentile': Flags.string({
    description: 'only vulnerabilities with an EPSS percentile of at least this (0 to 1)',
    helpValue: 'PERCENTILE',
  }),
};

/** `critical,high` → ['critical', 'high'], refusing words outside `allowed` with the list of valid ones. */
export function parseList<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  const hint = `use a comma-separated list of ${allowed.join(', ')}`;
  const items = parseWords(flag, value, hint)?.map((s) => s.toLowerCase());
  const bad = items?.filter((s) => !(allowed as readonly string[]).includes(s)) ?? [];
  if (bad.length > 0)
    throw new UserError(`--${flag}: unknown value ${bad.map((b) => JSON.stringify(b)).join(', ')}`, { hint });
  return items as T[] | undefined;
}

export interface RawFilterFlags {
  'only-severity'?: string;
  'only-package-type'?: string;
  'only-fixed'?: boolean;
  'only-unfixed'?: boolean;
  'only-cisa-kev'?: boolean;
  'only-vuln-packages'?: boolean;
  'only-cve-id'?: string;
  'only-package'?: string;
  'epss-score'?: string;
  'epss-percentile'?: string;
  'only-metric'?: string;
}

/** Comma-separated words (ids, package names, metrics), at least one. */
function parseWords(
  flag: string,
  value: string | undefined,
  hint = 'use a comma-separated list',
): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UserError(`--${flag}: no value given`, { hint });
  return items;
}

/** `av:n,PR:N` → ['AV:N', 'PR:N']: metric:value pairs as a CVSS vector writes them. */
function parseMetrics(flag: string, value: string | undefined): string[] | undefined {
  const metrics = parseWords(flag, value)?.map((m) => m.toUpperCase());
  const bad = metrics?.find((m) => !/^[A-Z]+:[A-Z]+$/.test(m));
  if (bad)
    throw new UserError(`--${flag}: ${JSON.stringify(bad)} is not a CVSS metric`, {
      hint: 'give metric:value pairs as the vector writes them: AV:N,PR:N',
    });
  return metrics;
}

function checkPattern(flag: string, source: string): string {
  try {
    new RegExp(source, 'i');
  } catch (err) {
    throw new UserError(`--${flag}: ${JSON.stringify(source)} is not a valid regular expression`, {
      hint: 'give package names, or regular expressions such as ^openssl|^libssl',
      cause: err,
    });
  }
  return source;
}

function parseFraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UserError(`--${flag}: ${JSON.stringify(value)} is not a number from 0 to 1`, {
      hint: 'EPSS scores and percentiles are fractions: 0.5 is 50%',
    });
  }
  return n;
}

export function filtersFromFlags(flags: RawFilterFlags): ReportFilters {
  if (flags['only-fixed'] && flags['only-unfixed'])
    throw new UserError('--only-fixed and --only-unfixed exclude each other', { hint: 'pass one of them' });
  const filters: ReportFilters = {};
  const severity = parseList('only-severity', flags['only-severity'], SEVERITIES);
  const types = parseList('only-package-type', flags['only-package-type'], PACKAGE_TYPES);
  if (severity) filters.onlySeverity = severity;
  if (types) filters.onlyPackageType = types;
  if (flags['only-fixed']) filters.onlyFixed = true;
  if (flags['only-unfixed']) filters.onlyUnfixed = true;
  if (flags['only-cisa-kev']) filters.onlyCisaKev = true;
  if (flags['only-vuln-packages']) filters.onlyVulnPackages = true;
  const ids = parseWords('only-cve-id', flags['only-cve-id']);
  const packages = parseWords('only-package', flags['only-package']);
  const epssScore = parseFraction('epss-score', flags['epss-score']);
  const epssPercentile = parseFraction('epss-percentile', flags['epss-percentile']);
  if (ids) filters.onlyCveId = ids.map((id) => id.toUpperCase());
  if (packages) filters.onlyPackage = packages.map((source) => checkPattern('only-package', source));
  if (epssScore !== undefined) filters.epssScore = epssScore;
  if (epssPercentile !== undefined) filters.epssPercentile = epssPercentile;
  const metrics = parseMetrics('only-metric', flags['only-metric']);
  if (metrics) filters.onlyMetric = metrics;
  return filters;
}
