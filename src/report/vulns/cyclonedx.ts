/**
 * CycloneDX 1.6 with `vulnerabilities`: the packages as components (bom-ref = purl), one
 * vulnerability entry per id with its ratings (the selected one first, then every other
 * rater's), `affects` pointing at the components, and the fix state as `analysis`.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../match/types.js';
import type { SeverityBand } from '../../severity/index.js';
import type { VulnReport } from '../../findings/model.js';

const CDX_SEVERITY: Record<SeverityBand, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unspecified: 'unknown',
};
const METHOD: Record<string, string> = { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' };

function analysis(f: Finding): Record<string, unknown> {
  switch (f.status) {
    case 'fixed':
      return {
        state: 'exploitable',
        response: ['update'],
        detail: `fixed in ${f.fixedVersion}${f.fixedBy ? ` (${f.fixedBy})` : ''}`,
      };
    case 'will_not_fix':
      return { state: 'exploitable', response: ['will_not_fix'], ...(f.note ? { detail: f.note } : {}) };
    case 'end_of_life':
      return { state: 'exploitable', response: ['can_not_fix'], detail: f.note ?? 'end of life: no fix will come' };
    case 'no_fix_yet':
      return { state: 'exploitable', detail: f.note ?? 'no fix yet' };
    case 'unknown':
      return { state: 'in_triage', detail: 'not triaged by the distribution yet' };
  }
}

function ratings(f: Finding): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const s = f.severity;
  if (s.source && s.rating) out.push({ source: { name: s.source }, severity: CDX_SEVERITY[s.band], method: 'other' });
  if (s.cvss) {
    out.push({
      source: { name: s.cvss.source },
      score: s.cvss.score,
      severity: CDX_SEVERITY[s.band],
      method: METHOD[s.cvss.version] ?? 'other',
      ...(s.cvss.vector ? { vector: s.cvss.vector } : {}),
    });
  }
  if (out.length === 0) out.push({ severity: CDX_SEVERITY[s.band], method: 'other' });
  return out;
}

export function renderVulnCycloneDx(r: VulnReport): string {
  // One component per purl: the same package found twice is one component to CycloneDX.
  const refs = new Map<string, string>();
  const components: Record<string, unknown>[] = [];
  for (const p of r.packages) {
    if (refs.has(p.purl)) continue;
    refs.set(p.purl, p.purl);
    components.push({ type: 'library', 'bom-ref': p.purl, name: p.name, version: p.version, purl: p.purl });
  }
  const byId = new Map<string, Finding[]>();
  for (const f of r.findings) byId.set(f.vulnId, [...(byId.get(f.vulnId) ?? []), f]);
  const vulnerabilities = [...byId.entries()].map(([id, findings]) => {
    const f = findings[0];
    return {
      'bom-ref': `vuln:${id}`,
      id,
      source: { name: f.source },
      ...(f.aliases.length > 0
        ? { references: f.aliases.map((alias) => ({ id: alias, source: { name: alias.split('-')[0] } })) }
        : {}),
      ratings: ratings(f),
      ...(f.description ? { description: f.description } : {}),
      ...(f.fixedVersion ? { recommendation: `Upgrade to ${f.fixedVersion}` } : {}),
      ...(f.references.length > 0 ? { advisories: f.references.map((url) => ({ url })) } : {}),
      analysis: analysis(f),
      affects: findings
        .filter((x) => refs.has(x.package.purl))
        .map((x) => ({
          ref: refs.get(x.package.purl)!,
          versions: [{ version: x.package.version, status: 'affected' }],
        })),
    };
  });
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidOf(JSON.stringify({ image: r.image, database: r.database, ids: [...byId.keys()] }))}`,
    version: 1,
    metadata: {
      timestamp: r.generatedAt,
      tools: { components: [{ type: 'application', name: r.tool.name, version: r.tool.version }] },
      component: { type: 'container', 'bom-ref': 'image', name: r.image.name },
      properties: [
        { name: 'airlock:database:sequence', value: String(r.database.sequence ?? 'local') },
        ...(r.database.created ? [{ name: 'airlock:database:created', value: r.database.created }] : []),
        ...r.database.sources.map((s) => ({
          name: `airlock:database:source:${s.name}`,
          value: s.dataDate ?? 'undated',
        })),
        // What the verdict rests on: per package source, the namespace and whether it had data.
        ...(r.coverage ?? []).map((e) => ({
          name: `airlock:coverage:${e.packageType}:${e.namespace ?? 'unmatched'}`,
          value: `${e.status} (${e.packages} packages, ${e.records} records)`,
        })),
        ...(r.endOfLife
          ? [
              {
                name: 'airlock:distro:end-of-life',
                value: `${r.endOfLife.release} ${r.endOfLife.date ?? 'date unknown'}${r.endOfLife.past ? ' (past)' : ''}`,
              },
            ]
          : []),
        ...r.warnings.map((value) => ({ name: 'airlock:warning', value })),
      ],
    },
    components,
    vulnerabilities,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
