import { PackageURL } from 'packageurl-js';
import { toolchainToSemver } from '../../versions/go.js';
import type { DependencySource, Registry } from '../common/outside-registry.js';
import { fileCataloger, type FoundPackage } from '../harness/file-cataloger.js';
import { isProgramCandidate, withBytes } from './binary-file.js';
import { readGoBuildInfo, type GoBuildInfo } from './buildinfo.js';
import { isElf, readElf } from './elf.js';
import { parseModInfo, versionFromLdflags, type GoModule } from './modinfo.js';

/** The gc toolchain's runtime alone is over 1 MiB: smaller files are not Go programs. */
const MIN_GO_BINARY = 256 * 1024;
const DEVEL = '(devel)';

export const GO_MODULES: Registry = { name: 'a published Go module version', advisories: 'Go advisories' };

/** One module a binary's build info names, as linked. */
interface LinkedModule {
  role: 'stdlib' | 'main' | 'dependency';
  path: string;
  version: string;
  metadata?: Record<string, string | boolean>;
  /** Where the code came from when it was no published module version. */
  source?: DependencySource;
}

/**
 * Go executables, by the build info the linker embeds: the toolchain as the `stdlib`
 * package (`go1.21.5` → `v1.21.5`, the Go vulnerability database's spelling), the main
 * module, and every dependency module at the version that was linked (a `=>` replacement
 * wins over the module it replaces). A main module built from a checkout has version
 * `(devel)`: it is reported so, unless `-ldflags -X …version=` stamped a real one, and
 * matching skips it as it is no release. GOPATH builds (Debian's) carry no module
 * information, only the toolchain. A dependency replaced by a local directory (`=> ../dir`,
 * no version) is no published module version: it is listed as `(devel)` with its path as
 * source, not matched, and named in one warning on the binary
 * (catalogers/common/outside-registry.ts).
 */
export const golangCataloger = fileCataloger<LinkedModule, undefined, GoBuildInfo>({
  name: 'golang',
  version: 2,
  // Larger files are spilled to disk, not held in memory; the biggest Go programs (cloud CLIs) stay under this.
  maxFileBytes: 1024 * 1024 * 1024,
  wants: isProgramCandidate,
  fileKind: 'Go binary',
  async analyze(file): Promise<GoBuildInfo | undefined> {
    if (file.size < MIN_GO_BINARY) return undefined;
    return withBytes(file, (readAt) => {
      if (!isElf(readAt(0, 4))) return undefined;
      const elf = readElf(readAt);
      return elf ? readGoBuildInfo(elf) : undefined;
    });
  },
  read: (info) => ({ entries: modulesOf(info) }),
  key: (m) => `${m.path}@${m.version}`,
  toPackage: goPackage,
  problem: (m, err) => `Go module ${m.path} ${m.version} cannot be written as a purl (${err.message}); skipped`,
  outsideRegistry: {
    registry: GO_MODULES,
    sourceOf: (m) => m.source,
    // A `(devel)` main module was built from a source checkout of unknown version: every
    // advisory of its path would claim it (`(devel)` orders below every release), so it is
    // not matched (Trivy and Grype leave it out too); it is the program itself, so it is
    // not warned about, and the coverage counts it as not assessed.
    isProject: (m) => m.role === 'main',
  },
});

/** The toolchain, the main module and every linked dependency, from the embedded build info. */
function modulesOf(info: GoBuildInfo): LinkedModule[] {
  const mod = parseModInfo(info.modinfo);
  const toolchain = info.goVersion.split(' ')[0];
  const out: LinkedModule[] = [
    {
      role: 'stdlib',
      path: 'stdlib',
      version: toolchainToSemver(toolchain) ?? info.goVersion,
      metadata: { goVersion: info.goVersion, ...(mod.path ? { mainPackage: mod.path } : {}) },
    },
  ];
  if (mod.main) {
    const version =
      mod.main.version && mod.main.version !== DEVEL ? mod.main.version : (versionFromLdflags(mod) ?? DEVEL);
    out.push({
      role: 'main',
      path: mod.main.path,
      version,
      metadata: { mainModule: true, ...(version === DEVEL ? { devel: true } : {}) },
      source: version === DEVEL ? { kind: 'file', ref: 'a source checkout ((devel))' } : undefined,
    });
  }
  for (const dep of mod.deps) out.push(linkedDependency(dep));
  return out;
}

/** The module whose code was linked: the replacement if any; a local-directory replacement has no version. */
function linkedDependency(dep: GoModule): LinkedModule {
  if (!dep.replace) return { role: 'dependency', path: dep.path, version: dep.version };
  if (dep.replace.version)
    return {
      role: 'dependency',
      path: dep.replace.path,
      version: dep.replace.version,
      metadata: { replaces: `${dep.path}@${dep.version}` },
    };
  return {
    role: 'dependency',
    path: dep.path,
    version: DEVEL,
    metadata: { replacedBy: dep.replace.path, devel: true },
    source: { kind: 'file', ref: dep.replace.path },
  };
}

/** Throws when the module path cannot be written as a purl. */
function goPackage(m: LinkedModule): FoundPackage {
  const slash = m.path.lastIndexOf('/');
  const purl = new PackageURL(
    'golang',
    slash > 0 ? m.path.slice(0, slash) : undefined,
    slash > 0 ? m.path.slice(slash + 1) : m.path,
    m.version,
  ).toString();
  return { type: 'golang', name: m.path, version: m.version, purl, licenses: [], metadata: m.metadata };
}
