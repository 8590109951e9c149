/**
 * The SPDX 2.3 document BuildKit's SBOM scanner (docker/buildkit-syft-scanner, Syft inside)
 * attaches for a Debian image: a DocumentRoot directory package named `sbom` that the
 * document DESCRIBES, the operating system, and one package per dpkg entry with Syft's
 * SPDXID, sourceInfo, CPE and purl (`upstream=` the source package, `distro=debian-12`).
 * The packages are the real image's: name, version and source from the truth file
 * ../shared/images/debian-bookworm-minbase.truth/dpkg.tsv, architecture and maintainer
 * from the image's own /var/lib/dpkg/status.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { shared, truthRows } from '../../support/fixtures.js';

export const MINBASE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
const TRUTH = path.join(shared, 'images/debian-bookworm-minbase.truth/dpkg.tsv');
const LAYER = 'blobs/sha256/582d903d4beba827b92d5b8178994c74a6f8a5157eddf5cd3c331274c8b9e7ae';

export interface TruthPackage {
  name: string;
  version: string;
  source: string;
  sourceVersion: string;
  arch: string;
  maintainer: string;
}

/** Architecture and Maintainer of each package, read from the image's dpkg status with tar. */
function statusFields(): Map<string, { arch: string; maintainer: string }> {
  const layer = execFileSync('tar', ['-xOf', MINBASE, LAYER], { maxBuffer: 1 << 30 });
  const status = execFileSync('tar', ['-xzOf', '-', 'var/lib/dpkg/status'], {
    input: layer,
    maxBuffer: 1 << 28,
  }).toString('utf8');
  const out = new Map<string, { arch: string; maintainer: string }>();
  for (const stanza of status.split(/\n\n+/)) {
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(stanza)?.[1];
    const name = field('Package');
    if (name) out.set(name, { arch: field('Architecture') ?? 'amd64', maintainer: field('Maintainer') ?? '' });
  }
  return out;
}

export function minbasePackages(): TruthPackage[] {
  const fields = statusFields();
  return truthRows(TRUTH).map(([name, version, source, sourceVersion]) => ({
    name,
    version,
    source,
    sourceVersion,
    ...fields.get(name)!,
  }));
}

const encode = (s: string) => encodeURIComponent(s);

/** Syft's deb purl: `upstream` names the source, `@version` when it differs from the binary's. */
export function syftDebPurl(p: TruthPackage): string {
  const upstream =
    p.source !== p.name || p.sourceVersion !== p.version
      ? `&upstream=${encodeURIComponent(p.sourceVersion !== p.version ? `${p.source}@${p.sourceVersion}` : p.source)}`
      : '';
  return `pkg:deb/debian/${p.name}@${encode(p.version)}?arch=${p.arch}${upstream}&distro=debian-12`;
}

export function buildkitSpdx(packages: TruthPackage[]): object {
  const id = (p: TruthPackage) =>
    `SPDXRef-Package-deb-${p.name.replace(/[^A-Za-z0-9.-]/g, '-')}-${createHash('sha256').update(`${p.name}@${p.version}`).digest('hex').slice(0, 16)}`;
  const root = 'SPDXRef-DocumentRoot-Directory-sbom';
  const os = 'SPDXRef-OperatingSystem-debian-12';
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'sbom',
    documentNamespace: 'https://anchore.com/syft/dir/sbom-6a3f1e8c-7b2d-4f0e-9c1a-2d5e8f4b7a90',
    creationInfo: {
      licenseListVersion: '3.23',
      creators: ['Organization: Anchore, Inc', 'Tool: syft-v0.105.0', 'Tool: buildkit-v0.17.2'],
      created: '2026-11-24T10:30:00Z',
    },
    packages: [
      {
        name: 'sbom',
        SPDXID: root,
        supplier: 'NOASSERTION',
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'FILE',
      },
      {
        name: 'debian',
        SPDXID: os,
        versionInfo: '12',
        originator: 'Organization: debian',
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        description: 'Debian GNU/Linux 12 (bookworm)',
        primaryPackagePurpose: 'OPERATING-SYSTEM',
      },
      ...packages.map((p) => ({
        name: p.name,
        SPDXID: id(p),
        versionInfo: p.version,
        supplier: `Person: ${p.maintainer}`,
        originator: `Person: ${p.maintainer}`,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        sourceInfo: 'acquired package info from DPKG DB: /var/lib/dpkg/status',
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        externalRefs: [
          {
            referenceCategory: 'SECURITY',
            referenceType: 'cpe23Type',
            referenceLocator: `cpe:2.3:a:${p.name}:${p.name}:${p.version.replace(/([:+])/g, '\\$1')}:*:*:*:*:*:*:*`,
          },
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: syftDebPurl(p) },
        ],
      })),
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: root },
      { spdxElementId: root, relationshipType: 'CONTAINS', relatedSpdxElement: os },
      ...packages.map((p) => ({ spdxElementId: root, relationshipType: 'CONTAINS', relatedSpdxElement: id(p) })),
    ],
  };
}
