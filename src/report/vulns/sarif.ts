/**
 * SARIF 2.1.0: one rule per vulnerability, one result per (vulnerability, package), each
 * located at the package database the package was read from in the image
 * (`/var/lib/dpkg/status`, `/lib/apk/db/installed`, a `package.json` …).
 * `security-severity` (a CVSS-like number, as GitHub code scanning reads it) is the
 * shown CVSS score, else a value inside the band.
 */
import type { Finding } from '../../match/types.js';
import { describeSeverity, type SeverityBand } from '../../severity/index.js';
import { fixText, primaryLink } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';

const LEVEL: Record<SeverityBand, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unspecified: 'note',
};
const BAND_SCORE: Record<SeverityBand, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  unspecified: '0.0',
};

function rule(f: Finding): Record<string, unknown> {
  const text = f.description ?? `${f.vulnId} in ${f.package.sourceName ?? f.package.name}`;
  const link = primaryLink(f);
  return {
    id: f.vulnId,
    name: f.vulnId.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: `${f.vulnId} ${describeSeverity(f.severity)}` },
    fullDescription: { text },
    ...(link ? { helpUri: link } : {}),
    help: {
      text: [text, ...f.references].join('\n'),
      markdown: [text, '', ...f.references.map((r) => `- <${r}>`)].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[f.severity.band] },
    properties: {
      'security-severity': f.severity.cvss ? f.severity.cvss.score.toFixed(1) : BAND_SCORE[f.severity.band],
      tags: ['vulnerability', 'security', f.severity.band.toUpperCase()],
      aliases: f.aliases,
    },
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const pkg = f.package;
  const installed =
    pkg.sourceName || pkg.sourceVersion
      ? ` (source ${pkg.sourceName ?? pkg.name} ${pkg.sourceVersion ?? pkg.version})`
      : '';
  const message = `${pkg.name} ${pkg.version}${installed} is affected by ${f.vulnId} (${describeSeverity(f.severity)}). Fixed version: ${fixText(f)}.${f.kev ? ' Known exploited (CISA KEV).' : ''}`;
  return {
    ruleId: f.vulnId,
    ruleIndex,
    level: LEVEL[f.severity.band],
    message: { text: message },
    locations: pkg.locations.slice(0, 1).map((loc) => ({
      physicalLocation: { artifactLocation: { uri: loc.path } },
      logicalLocations: [{ name: pkg.name, fullyQualifiedName: pkg.purl, kind: 'package' }],
    })),
    partialFingerprints: { 'airlock/v1': `${f.vulnId}|${pkg.purl}` },
    properties: {
      purl: pkg.purl,
      status: f.status,
      ...(f.fixedVersion ? { fixedVersion: f.fixedVersion } : {}),
      namespace: f.namespace,
      ...(pkg.introducedByLayer ? { layer: pkg.introducedByLayer } : {}),
    },
  };
}

export function renderSarif(r: VulnReport): string {
  const rules: Record<string, unknown>[] = [];
  const index = new Map<string, number>();
  for (const f of r.findings) {
    if (index.has(f.vulnId)) continue;
    index.set(f.vulnId, rules.length);
    rules.push(rule(f));
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: r.tool.name, version: r.tool.version, semanticVersion: r.tool.version, rules } },
        results: r.findings.map((f) => result(f, index.get(f.vulnId)!)),
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
