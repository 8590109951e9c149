/**
 * CycloneDX 1.6 with `vulnerabilities`: the packages as components (bom-ref = purl), one
 * vulnerability entry per id with its ratings (the selected one first, then every other
 * rater's), `affects` pointing at the components, and the state as `analysis`
 * (cyclonedx-analysis.ts). Findings the user's OpenVEX suppressed are kept, as
 * `not_affected` or `resolved`: a VEX consumer must see the decision, not a gap.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../match/types.js';
import type { VulnReport } from '../../findings/model.js';
import type { DecidedFinding, SuppressedFinding } from '../../vex/apply.js';
import { analysisOf, ratingsOf, versionStatus } from './cyclonedx-analysis.js';

export function renderVulnCycloneDx(r: VulnReport & { suppressed?: SuppressedFinding[] }): string {
  // One component per purl: the same package found twice is one component to CycloneDX.
  const refs = new Map<string, string>();
  const components: Record<string, unknown>[] = [];
  const all: DecidedFinding[] = [...r.findings, ...(r.suppressed ?? [])];
  const addComponent = (p: { purl: string; name: string; version: string }) => {
    if (refs.has(p.purl)) return;
    refs.set(p.purl, p.purl);
    components.push({ type: 'library', 'bom-ref': p.purl, name: p.name, version: p.version, purl: p.purl });
  };
  for (const p of r.packages) addComponent(p);
  for (const f of r.suppressed ?? []) addComponent(f.package);
  // One entry per vulnerability and analysis: packages the user decided differently on get entries of their own.
  const groups = new Map<string, { id: string; analysis: Record<string, unknown>; findings: Finding[] }>();
  for (const f of all) {
    const analysis = analysisOf(f);
    const key = `${f.vulnId}\u0000${JSON.stringify(analysis)}`;
    const group = groups.get(key) ?? { id: f.vulnId, analysis, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  const taken = new Map<string, number>();
  const vulnerabilities = [...groups.values()].map(({ id, analysis, findings }) => {
    const f = findings[0];
    const n = (taken.get(id) ?? 0) + 1;
    taken.set(id, n);
    return {
      'bom-ref': n === 1 ? `vuln:${id}` : `vuln:${id}#${n}`,
      id,
      source: { name: f.source },
      ...(f.aliases.length > 0
        ? { references: f.aliases.map((alias) => ({ id: alias, source: { name: alias.split('-')[0] } })) }
        : {}),
      ratings: ratingsOf(f),
      ...(f.description ? { description: f.description } : {}),
      ...(f.fixedVersion ? { recommendation: `Upgrade to ${f.fixedVersion}` } : {}),
      ...(f.references.length > 0 ? { advisories: f.references.map((url) => ({ url })) } : {}),
      analysis,
      affects: findings
        .filter((x) => refs.has(x.package.purl))
        .map((x) => ({
          ref: refs.get(x.package.purl)!,
          versions: [{ version: x.package.version, status: versionStatus(analysis) }],
        })),
    };
  });
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidOf(JSON.stringify({ image: r.image, database: r.database, ids: [...taken.keys()] }))}`,
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
