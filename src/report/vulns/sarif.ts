/**
 * SARIF 2.1.0: one rule per vulnerability, one result per (vulnerability, package), each
 * located at the package database the package was read from in the image
 * (`/var/lib/dpkg/status`, `/lib/apk/db/installed`, a `package.json` …).
 * `security-severity` (a CVSS-like number, as GitHub code scanning bands it) agrees with
 * the finding's chosen band, and so does `level`. Findings the user's OpenVEX suppressed
 * are kept as results with SARIF `suppressions`, so code-scanning UIs show them dismissed.
 */
import type { Finding } from '../../match/types.js';
import { describeSeverity, type SeverityBand } from '../../severity/index.js';
import { fixText, primaryLink } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';
import type { SuppressedFinding } from '../../vex/apply.js';

const LEVEL: Record<SeverityBand, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unspecified: 'note',
};
/** A representative score inside each band, and the band's range (CVSS v3 qualitative table, as GitHub reads it). */
const BAND_SCORE: Record<SeverityBand, { typical: number; min: number; max: number }> = {
  critical: { typical: 9.5, min: 9.0, max: 10.0 },
  high: { typical: 8.0, min: 7.0, max: 8.9 },
  medium: { typical: 5.5, min: 4.0, max: 6.9 },
  low: { typical: 2.0, min: 0.1, max: 3.9 },
  unspecified: { typical: 0.0, min: 0.0, max: 0.0 },
};

/**
 * The chosen source's CVSS score when it lies in the chosen band, else the band's
 * representative value: a Debian LOW shown with NVD's 6.5 is 2.0 here, not 6.5, since code
 * scanning would band 6.5 as medium; a CVSS v2 9.3 (HIGH: v2 has no critical) is 8.0.
 */
export function securitySeverity(severity: Finding['severity']): string {
  const band = BAND_SCORE[severity.band];
  const score = severity.cvss?.score;
  return (score !== undefined && score >= band.min && score <= band.max ? score : band.typical).toFixed(1);
}

function rule(f: Finding, id: string): Record<string, unknown> {
  const text = f.description ?? `${f.vulnId} in ${f.package.sourceName ?? f.package.name}`;
  const link = primaryLink(f);
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: `${f.vulnId} ${describeSeverity(f.severity)}` },
    fullDescription: { text },
    ...(link ? { helpUri: link } : {}),
    help: {
      text: [text, ...f.references].join('\n'),
      markdown: [text, '', ...f.references.map((r) => `- <${r}>`)].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[f.severity.band] },
    properties: {
      'security-severity': securitySeverity(f.severity),
      tags: ['vulnerability', 'security', f.severity.band.toUpperCase()],
      aliases: f.aliases,
    },
  };
}

/** SARIF's `suppressions` for a finding the user's OpenVEX took out: accepted, with the reason given. */
function suppressions(f: Finding & { vex?: SuppressedFinding['vex'] }, suppressed: boolean): Record<string, unknown>[] {
  if (!suppressed || !f.vex) return [];
  const why = [f.vex.marker, f.vex.impactStatement, f.vex.note].filter((x): x is string => !!x).join(': ');
  return [{ kind: 'external', status: 'accepted', justification: why }];
}

function result(f: Finding, ruleId: string, ruleIndex: number, suppressed = false): Record<string, unknown> {
  const pkg = f.package;
  const installed =
    pkg.sourceName || pkg.sourceVersion
      ? ` (source ${pkg.sourceName ?? pkg.name} ${pkg.sourceVersion ?? pkg.version})`
      : '';
  const message = `${pkg.name} ${pkg.version}${installed} is affected by ${f.vulnId} (${describeSeverity(f.severity)}). Fixed version: ${fixText(f)}.${f.kev ? ' Known exploited (CISA KEV).' : ''}`;
  return {
    ruleId,
    ruleIndex,
    level: LEVEL[f.severity.band],
    message: { text: message },
    locations: pkg.locations.slice(0, 1).map((loc) => ({
      physicalLocation: { artifactLocation: { uri: loc.path } },
      logicalLocations: [{ name: pkg.name, fullyQualifiedName: pkg.purl, kind: 'package' }],
    })),
    partialFingerprints: { 'airlock/v1': `${f.vulnId}|${pkg.purl}` },
    ...(suppressed ? { suppressions: suppressions(f, suppressed) } : {}),
    properties: {
      purl: pkg.purl,
      status: f.status,
      ...(f.fixedVersion ? { fixedVersion: f.fixedVersion } : {}),
      namespace: f.namespace,
      ...(pkg.introducedByLayer ? { layer: pkg.introducedByLayer } : {}),
    },
  };
}

/**
 * One rule per vulnerability; when the same vulnerability has findings in different bands
 * (a CVE rated by Debian for a deb and by GitHub for an npm package), one rule per band
 * (`CVE-…/low`), since code scanning reads the severity from the rule.
 */
function ruleIdOf(f: Finding, bands: Map<string, Set<string>>): string {
  return (bands.get(f.vulnId)?.size ?? 0) > 1 ? `${f.vulnId}/${f.severity.band}` : f.vulnId;
}

export function renderSarif(r: VulnReport & { suppressed?: SuppressedFinding[] }): string {
  const all: (Finding & { vex?: SuppressedFinding['vex'] })[] = [...r.findings, ...(r.suppressed ?? [])];
  const bands = new Map<string, Set<string>>();
  for (const f of all) bands.set(f.vulnId, (bands.get(f.vulnId) ?? new Set()).add(f.severity.band));
  const rules: Record<string, unknown>[] = [];
  const index = new Map<string, number>();
  for (const f of all) {
    const id = ruleIdOf(f, bands);
    if (index.has(id)) continue;
    index.set(id, rules.length);
    rules.push(rule(f, id));
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: r.tool.name, version: r.tool.version, semanticVersion: r.tool.version, rules } },
        results: all.map((f, i) =>
          result(f, ruleIdOf(f, bands), index.get(ruleIdOf(f, bands))!, i >= r.findings.length),
        ),
        // Warnings (no data for the image's release, a stale database) reach code-scanning UIs as run notifications.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.warnings.map((text) => ({ level: 'warning', message: { text } })),
          },
        ],
        properties: {
          image: r.image,
          database: r.database,
          coverage: r.coverage,
          ...(r.endOfLife ? { endOfLife: r.endOfLife } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
