import type { ManifestIdentity } from './manifest.js';
import type { MavenCoordinates } from './pom-properties.js';

/** What an archive says it is, and how sure that is. */
export interface JavaArtifact {
  /** Unknown for archives identified only by their manifest or name. */
  groupId?: string;
  artifactId: string;
  version: string;
  identifiedBy: 'pom.properties' | 'manifest' | 'file name';
  /** What the artifact's own pom.xml declares under `<licenses>`. */
  licenses?: string[];
}

/** `commons-text-1.9.jar` → `commons-text`, `1.9`: the version starts at the last `-` followed by a digit. */
export function parseArchiveName(fileName: string): { stem: string; artifactId?: string; version?: string } {
  const stem = fileName.replace(/\.[A-Za-z]+$/, '');
  const m = /^([A-Za-z0-9._-]*[^-])-(\d[^\s/]*)$/.exec(stem);
  return m ? { stem, artifactId: m[1], version: m[2] } : { stem };
}

/** Debian's unversioned links (`foo-3.x.jar`, `foo-debian.jar`) carry no real version. */
const usableVersion = (v: string | undefined): string | undefined =>
  v && /^\d/.test(v) && !/\.x$/i.test(v) ? v : undefined;
const identifier = (v: string | undefined): string | undefined => (v && /^[A-Za-z0-9][\w.-]*$/.test(v) ? v : undefined);
/** Names compared loosely: `error_prone_annotation` is `error-prone-annotation`. */
const loose = (v: string | undefined): string => (v ?? '').toLowerCase().replace(/[-_.]/g, '');

/**
 * Every pom.properties is an artifact (shaded jars fold many in). The archive's own
 * identity comes from its manifest and file name only when no pom.properties describes
 * the archive itself: named like it, or of the version its name or manifest states.
 */
export function identifyArchive(
  fileName: string,
  poms: MavenCoordinates[],
  manifest: ManifestIdentity,
): JavaArtifact[] {
  const name = parseArchiveName(fileName);
  const artifacts: JavaArtifact[] = [];
  const seen = new Set<string>();
  for (const p of poms) {
    const key = `${p.groupId}:${p.artifactId}:${p.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    artifacts.push({ ...p, identifiedBy: 'pom.properties' });
  }
  const versions = new Set(
    [usableVersion(name.version), manifest.implementationVersion, manifest.bundleVersion].filter(Boolean),
  );
  const names = new Set(
    [name.artifactId, name.stem, manifest.implementationTitle, manifest.bundleName].map(loose).filter(Boolean),
  );
  if (poms.some((p) => names.has(loose(p.artifactId)) || versions.has(p.version))) return artifacts;

  const own = ownIdentity(name, manifest);
  if (own && !artifacts.some((a) => loose(a.artifactId) === loose(own.artifactId) && a.version === own.version))
    artifacts.push(own);
  return artifacts;
}

function ownIdentity(name: ReturnType<typeof parseArchiveName>, manifest: ManifestIdentity): JavaArtifact | undefined {
  const fileVersion = usableVersion(name.version);
  const version =
    fileVersion ?? manifest.implementationVersion ?? manifest.bundleVersion ?? manifest.specificationVersion;
  if (!version) return undefined;
  // A versioned file name is Maven's `artifactId-version`; otherwise the manifest's title says more than the name.
  const titled = fileVersion
    ? undefined
    : (identifier(manifest.implementationTitle) ?? identifier(manifest.bundleName));
  const artifactId = (fileVersion ? name.artifactId : titled) ?? name.artifactId ?? name.stem;
  const artifact: JavaArtifact = { artifactId, version, identifiedBy: fileVersion ? 'file name' : 'manifest' };
  const groupId = groupFromManifest(manifest, artifactId);
  if (groupId) artifact.groupId = groupId;
  return artifact;
}

/**
 * A best guess, as Trivy makes it: Implementation-Vendor-Id when it is a reverse domain
 * name, else Bundle-SymbolicName without a last part that repeats the artifact
 * (`org.mongodb.driver-core` for `mongodb-driver-core` → `org.mongodb`).
 */
function groupFromManifest(manifest: ManifestIdentity, artifactId: string): string | undefined {
  const vendorId = manifest.implementationVendorId;
  if (vendorId && /^[A-Za-z][\w-]*(\.[\w-]+)+$/.test(vendorId)) return vendorId;
  const symbolic = manifest.bundleSymbolicName;
  if (!symbolic || !symbolic.includes('.')) return undefined;
  const dot = symbolic.lastIndexOf('.');
  return loose(artifactId).endsWith(loose(symbolic.slice(dot + 1))) ? symbolic.slice(0, dot) : symbolic;
}
