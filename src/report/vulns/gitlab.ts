/**
 * `cves --format gitlab`: a GitLab container-scanning report, in the shape of GitLab's
 * security report schema 15.x (`container-scanning-report-format.json`), so a GitLab
 * pipeline shows airlock's findings in its vulnerability report. No npm package ships
 * that schema; this follows its documented required fields: `scan` with analyzer,
 * scanner, type, times (second precision, no zone) and status; each vulnerability with
 * an id, severity, identifiers (at least one) and a location naming the dependency, the
 * operating system and the image.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../match/types.js';
import { fixText, primaryLink } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';

export const GITLAB_SCHEMA_VERSION = '15.2.1';

const SEVERITY = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', unspecified: 'Unknown' } as const;

/** GitLab's date-time pattern: `2026-12-03T16:42:07`, UTC. */
const gitlabTime = (iso: string) => iso.slice(0, 19);

function identifier(id: string): { type: string; name: string; value: string; url?: string } {
  const type = id.startsWith('CVE-')
    ? 'cve'
    : id.startsWith('GHSA-')
      ? 'ghsa'
      : id.split('-')[0].toLowerCase() || 'advisory';
  const url = id.startsWith('CVE-')
    ? `https://nvd.nist.gov/vuln/detail/${id}`
    : id.startsWith('GHSA-')
      ? `https://github.com/advisories/${id}`
      : undefined;
  return { type, name: id, value: id, ...(url ? { url } : {}) };
}

function operatingSystem(r: VulnReport): string {
  if (!r.distro) return 'Unknown';
  return [r.distro.id, r.distro.versionId].filter(Boolean).join(' ');
}

function vulnerability(f: Finding, r: VulnReport): Record<string, unknown> {
  // Stable across runs, so GitLab tracks the same finding from pipeline to pipeline.
  const id = createHash('sha256').update(`${f.vulnId}\0${f.package.purl}`).digest('hex').slice(0, 32);
  const link = primaryLink(f);
  return {
    id,
    name: `${f.vulnId} in ${f.package.name}`,
    ...(f.description ? { description: f.description.slice(0, 1_048_576) } : {}),
    severity: SEVERITY[f.severity.band],
    solution:
      f.status === 'fixed' && f.fixedVersion
        ? `Upgrade ${f.package.name} to ${f.fixedVersion}`
        : `No fix: ${fixText(f)}`,
    identifiers: [f.vulnId, ...f.aliases].map(identifier),
    ...(link ? { links: [{ url: link }] } : {}),
    location: {
      dependency: { package: { name: f.package.name }, version: f.package.version },
      operating_system: operatingSystem(r),
      image: r.image.name,
    },
  };
}

export function renderGitlab(r: VulnReport, now = new Date()): string {
  const tool = { id: 'airlock', name: 'airlock', version: r.tool.version, vendor: { name: 'airlock' } };
  const report = {
    version: GITLAB_SCHEMA_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/container-scanning-report-format.json`,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'container_scanning',
      start_time: gitlabTime(r.generatedAt),
      end_time: gitlabTime(now.toISOString()),
      status: 'success',
    },
    vulnerabilities: r.findings.map((f) => vulnerability(f, r)),
    remediations: [],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
