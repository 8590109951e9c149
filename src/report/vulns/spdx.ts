/**
 * SPDX 2.3 with vulnerabilities the way Docker Scout writes them: the image package
 * CONTAINS each package, and a vulnerable package carries one `SECURITY`/`advisory`
 * external reference per vulnerability (its advisory page), commented with id and severity.
 * Each package keeps the layer it came from (an annotation, as the SBOM's SPDX encoder
 * writes it, and its `sourceInfo`), so an `--only-base` report can be checked layer by layer.
 */
import { matchedLine, reportCoverage } from './coverage-lines.js';
import { createHash } from 'node:crypto';
import type { Finding } from '../../match/types.js';
import { describeSeverity } from '../../severity/index.js';
import { primaryLink } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';

const sanitize = (s: string) => s.replace(/[^A-Za-z0-9.-]/g, '-');
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

function advisoryUrl(f: Finding): string {
  return (primaryLink(f) ?? `https://osv.dev/vulnerability/${f.vulnId}`).replace(/\s/g, '%20');
}

export function renderVulnSpdx(r: VulnReport): string {
  const byPurl = new Map<string, Finding[]>();
  for (const f of r.findings) byPurl.set(f.package.purl, [...(byPurl.get(f.package.purl) ?? []), f]);
  const imageId = 'SPDXRef-Image';
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: imageId,
      name: r.image.name,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'CONTAINER',
    },
  ];
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
  ];
  const seen = new Set<string>();
  for (const p of r.packages) {
    const id = `SPDXRef-Package-${p.type}-${sanitize(p.name)}-${shortHash(p.purl)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const security = (byPurl.get(p.purl) ?? []).map((f) => ({
      referenceCategory: 'SECURITY',
      referenceType: 'advisory',
      referenceLocator: advisoryUrl(f),
      comment: `${f.vulnId} ${describeSeverity(f.severity)}`,
    }));
    const layer = p.introducedByLayer
      ? {
          sourceInfo: `introduced by image layer ${p.introducedByLayer}`,
          annotations: [
            {
              annotator: `Tool: ${r.tool.name}-${r.tool.version}`,
              annotationDate: r.generatedAt.replace(/\.\d+Z$/, 'Z'),
              annotationType: 'OTHER',
              comment: `airlock:package:introducedByLayer=${p.introducedByLayer}`,
            },
          ],
        }
      : {};
    packages.push({
      SPDXID: id,
      name: p.name,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      ...layer,
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
        ...security,
      ],
    });
    relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: r.image.name,
    documentNamespace: `https://spdx.org/spdxdocs/airlock-cves-${sanitize(r.image.name)}-${shortHash(JSON.stringify([r.image, r.database, r.findings.map((f) => f.vulnId)]))}`,
    creationInfo: {
      created: r.generatedAt.replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: ${r.tool.name}-${r.tool.version}`],
      comment: [
        `Vulnerabilities from airlock advisory database ${r.database.sequence !== undefined ? `sequence ${r.database.sequence}` : 'local build'}`,
        `Matched against: ${matchedLine(reportCoverage(r)) || 'nothing'}`,
        ...r.warnings.map((w) => `Warning: ${w}`),
      ].join('\n'),
    },
    packages,
    relationships,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
