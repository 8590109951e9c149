import { createHash } from 'node:crypto';
import type { Package, Sbom } from '../../model.js';
import { compact, contentUuid, imageName, isOsPackage, packageRefs, sortedPackages } from '../order.js';
import { isCompound, spdxExpressionOf } from './license.js';

/**
 * SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). The document DESCRIBES the
 * image package, which CONTAINS the operating system and application packages; the
 * operating system CONTAINS its distribution packages. Licenses are declared, never
 * concluded (nobody reviewed them); names without a certain SPDX id become
 * `LicenseRef-` entries in `hasExtractedLicensingInfos`.
 */

const IMAGE_ID = 'SPDXRef-Image';
const OS_ID = 'SPDXRef-OperatingSystem';

export function renderSpdx(sbom: Sbom): string {
  const packages = sortedPackages(sbom.packages);
  const refs = packageRefs(packages);
  const licenseRefs = new LicenseRefs();
  const annotator = `Tool: ${sbom.tool.name}-${sbom.tool.version}`;
  const created = spdxDate(sbom.generatedAt);
  const name = imageName(sbom);

  const spdxPackages: Record<string, unknown>[] = [
    {
      SPDXID: IMAGE_ID,
      name,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'CONTAINER',
    },
  ];
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
  ];
  if (sbom.distro) {
    spdxPackages.push(
      compact({
        SPDXID: OS_ID,
        name: sbom.distro.id,
        versionInfo: sbom.distro.versionId,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        description: sbom.distro.prettyName,
        primaryPackagePurpose: 'OPERATING-SYSTEM',
      }),
    );
    relationships.push({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: OS_ID });
  }
  packages.forEach((p, i) => {
    const id = `SPDXRef-Package-${p.type}-${sanitize(p.name)}-${shortHash(refs[i])}`;
    spdxPackages.push(spdxPackage(p, id, licenseRefs, annotator, created));
    const parent = sbom.distro && isOsPackage(p) ? OS_ID : IMAGE_ID;
    relationships.push({ spdxElementId: parent, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  });

  const doc = compact({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://spdx.org/spdxdocs/${sbom.tool.name}-${sanitize(name)}-${contentUuid(JSON.stringify({ ...sbom, packages }))}`,
    creationInfo: { created, creators: [annotator] },
    packages: spdxPackages,
    hasExtractedLicensingInfos: licenseRefs.infos(),
    relationships,
  });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function spdxPackage(
  p: Package,
  id: string,
  licenseRefs: LicenseRefs,
  annotator: string,
  date: string,
): Record<string, unknown> {
  const notes: string[] = [`airlock:package:type=${p.type}`];
  if (p.sourceName) notes.push(`airlock:package:sourceName=${p.sourceName}`);
  if (p.sourceVersion) notes.push(`airlock:package:sourceVersion=${p.sourceVersion}`);
  if (p.introducedByLayer) notes.push(`airlock:package:introducedByLayer=${p.introducedByLayer}`);
  if (p.ownedBy) notes.push(`airlock:package:ownedBy=${p.ownedBy.type}:${p.ownedBy.name}`);
  p.locations.forEach((loc, i) => {
    if (loc.layerDiffId) notes.push(`airlock:location:${i}:layerDiffId=${loc.layerDiffId}`);
  });
  return compact({
    SPDXID: id,
    name: p.name,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared:
      p.licenses.length > 0
        ? p.licenses.map((l) => licenseRefs.expression(l, p.licenses.length > 1)).join(' AND ')
        : 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    sourceInfo: `acquired package info from ${p.foundBy} database: ${p.locations.map((l) => l.path).join(', ')}`,
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
    primaryPackagePurpose: 'LIBRARY',
    annotations: notes.map((comment) => ({ annotator, annotationDate: date, annotationType: 'OTHER', comment })),
  });
}

/** Assigns each license name that is not a certain SPDX expression one `LicenseRef-` id. */
class LicenseRefs {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  expression(name: string, inConjunction: boolean): string {
    const spdx = spdxExpressionOf(name);
    if (spdx) return inConjunction && isCompound(spdx) ? `(${spdx})` : spdx;
    let id = this.byName.get(name);
    if (!id) {
      const base = `LicenseRef-${sanitize(name.replace(/\+/g, '-or-later'))}`;
      id = base;
      for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
      this.byName.set(name, id);
      this.taken.add(id);
    }
    return id;
  }

  infos(): Record<string, unknown>[] | undefined {
    if (this.byName.size === 0) return undefined;
    return [...this.byName].map(([name, licenseId]) => ({ licenseId, name, extractedText: name }));
  }
}

/** SPDX ids allow letters, digits, `.` and `-` only. */
function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** SPDX dates are UTC to the second: `2026-11-24T10:30:00Z`. */
function spdxDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
