/** Minimal SBOMs for matcher tests: the packages a test names, in a given distro. */
import type { Distro, Package, PackageType, Sbom } from '../../sbom/model.js';

export function pkg(type: PackageType, name: string, version: string, extra: Partial<Package> = {}): Package {
  return {
    type,
    name,
    version,
    purl: extra.purl ?? `pkg:${type}/${name}@${version}`,
    licenses: [],
    locations: extra.locations ?? [
      { path: type === 'deb' ? '/var/lib/dpkg/status' : type === 'apk' ? '/lib/apk/db/installed' : `/app/${name}` },
    ],
    foundBy: 'test',
    ...extra,
  };
}

export function sbomOf(packages: Package[], distro?: Distro): Sbom {
  return {
    schemaVersion: 1,
    image: {
      source: 'test.tar',
      format: 'oci-archive',
      names: ['test:1'],
      layers: [],
      labels: {},
      annotations: {},
      history: [],
    },
    distro,
    packages,
    warnings: [],
    catalogers: {},
    generatedAt: '2026-11-24T00:00:00.000Z',
    tool: { name: 'airlock', version: '0.0.0' },
  };
}

export const BOOKWORM: Distro = { id: 'debian', versionId: '12', codename: 'bookworm' };
