import { posix } from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger, WantedFile } from '../types.js';
import { analysisIntroducer } from '../common/introduced-by.js';
import { analyzeArchive, isJavaArchiveName, type ArchiveAnalysis, type FoundArtifact } from './archive.js';

export const javaCataloger: Cataloger = {
  name: 'java',
  // 2: licenses from each artifact's own pom.xml.
  version: 2,
  // Archives are spilled to a temporary file and read from their central directory.
  maxFileBytes: 1024 * 1024 * 1024,
  wants: isJavaArchiveName,
  async analyze(file) {
    return analyzeArchive(await file.spill(), posix.basename(file.path));
  },
  catalog(ctx) {
    const packages: Package[] = [];
    const warnings: Warning[] = [];
    for (const file of ctx.files) {
      if (!isAnalysis(file.analysis)) continue;
      for (const message of file.analysis.problems) warnings.push({ path: file.path, message });
      const introducedBy = analysisIntroducer(
        ctx.history(file.path),
        file.layer,
        isAnalysis,
        (a) => new Set(a.artifacts.map(artifactKey)),
      );
      for (const artifact of file.analysis.artifacts)
        packages.push(mavenPackage(artifact, file, introducedBy(artifactKey(artifact)).diffId));
    }
    return { packages, warnings };
  },
};

function isAnalysis(a: unknown): a is ArchiveAnalysis {
  return typeof a === 'object' && a !== null && Array.isArray((a as ArchiveAnalysis).artifacts);
}

const artifactKey = (a: FoundArtifact): string => `${a.nestedPath}\0${a.groupId ?? ''}\0${a.artifactId}\0${a.version}`;

/**
 * The layer from which the archive has held the artifact unchanged. layerIntroducer reads
 * contents; each version is handed to it as its index, to look its analysis up.
 */
/**
 * `group:artifact` as Maven and GitHub advisories name it. An archive known only by its
 * manifest or file name may have no group: the purl, which requires one, then repeats
 * the artifact id there, as Syft does.
 */
function mavenPackage(a: FoundArtifact, file: WantedFile, introducedByLayer: string): Package {
  return {
    type: 'maven',
    name: a.groupId ? `${a.groupId}:${a.artifactId}` : a.artifactId,
    version: a.version,
    purl: new PackageURL('maven', a.groupId ?? a.artifactId, a.artifactId, a.version).toString(),
    licenses: a.licenses ?? [],
    locations: [{ path: `${file.path}${a.nestedPath}`, layerDiffId: file.layer.diffId }],
    introducedByLayer,
    foundBy: 'java',
    metadata: { identifiedBy: a.identifiedBy },
  };
}
