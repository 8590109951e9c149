import { posix } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { fileCataloger, type FoundPackage } from '../harness/file-cataloger.js';
import { analyzeArchive, isJavaArchiveName, type ArchiveAnalysis, type FoundArtifact } from './archive.js';

export const javaCataloger = fileCataloger<FoundArtifact, undefined, ArchiveAnalysis>({
  name: 'java',
  // 2: licenses from each artifact's own pom.xml.
  version: 2,
  // Archives are spilled to a temporary file and read from their central directory.
  maxFileBytes: 1024 * 1024 * 1024,
  wants: isJavaArchiveName,
  fileKind: 'Java archive',
  analyze: async (file) => analyzeArchive(await file.spill(), posix.basename(file.path)),
  read: (archive) => ({ entries: archive.artifacts, problems: archive.problems }),
  // The same artifact at two nested paths (a fat jar's copy) is two findings.
  key: (a) => `${a.nestedPath}\0${a.groupId ?? ''}\0${a.artifactId}\0${a.version}`,
  toPackage: mavenPackage,
  problem: (a, err) => `${a.artifactId} ${a.version}${a.nestedPath}: ${err.message}; skipped`,
});

/**
 * `group:artifact` as Maven and GitHub advisories name it. An archive known only by its
 * manifest or file name may have no group: the purl, which requires one, then repeats
 * the artifact id there, as Syft does.
 */
function mavenPackage(a: FoundArtifact): FoundPackage {
  return {
    type: 'maven',
    name: a.groupId ? `${a.groupId}:${a.artifactId}` : a.artifactId,
    version: a.version,
    purl: new PackageURL('maven', a.groupId ?? a.artifactId, a.artifactId, a.version).toString(),
    licenses: a.licenses ?? [],
    nestedPath: a.nestedPath,
    metadata: { identifiedBy: a.identifiedBy },
  };
}
