import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import { toolchainToSemver } from '../../versions/go.js';
import type { Cataloger, WantedFile } from '../types.js';
import { isProgramCandidate, withBytes } from './binary-file.js';
import { readGoBuildInfo, type GoBuildInfo } from './buildinfo.js';
import { isElf, readElf } from './elf.js';
import { analysisIntroducer } from '../common/introduced-by.js';
import { sourceMetadata, unassessedWarning, type DependencySource, type Registry } from '../common/outside-registry.js';
import { parseModInfo, versionFromLdflags, type GoModule } from './modinfo.js';

/** The gc toolchain's runtime alone is over 1 MiB: smaller files are not Go programs. */
const MIN_GO_BINARY = 256 * 1024;
const DEVEL = '(devel)';

export const GO_MODULES: Registry = { name: 'a published Go module version', advisories: 'Go advisories' };

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
export const golangCataloger: Cataloger = {
  name: 'golang',
  version: 2,
  // Larger files are spilled to disk, not held in memory; the biggest Go programs (cloud CLIs) stay under this.
  maxFileBytes: 1024 * 1024 * 1024,
  wants: isProgramCandidate,
  async analyze(file): Promise<GoBuildInfo | undefined> {
    if (file.size < MIN_GO_BINARY) return undefined;
    return withBytes(file, (readAt) => {
      if (!isElf(readAt(0, 4))) return undefined;
      const elf = readElf(readAt);
      return elf ? readGoBuildInfo(elf) : undefined;
    });
  },
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      const info = file.analysis as GoBuildInfo | undefined;
      if (!info) continue;
      const found = packagesOf(info, file, warnings);
      const local = found.flatMap((p) =>
        p.metadata?.resolvedFrom === 'file' && !p.metadata.mainModule
          ? [{ name: p.name, source: { kind: 'file', ref: String(p.metadata.resolvedRef) } as DependencySource }]
          : [],
      );
      if (local.length > 0) warnings.push({ path: file.path, message: unassessedWarning(GO_MODULES, local) });
      const introducedBy = analysisIntroducer(
        ctx.history(file.path),
        file.layer,
        (a): a is GoBuildInfo => a !== undefined,
        (a) => new Set(packagesOf(a, file, []).map((p) => p.purl)),
      );
      for (const pkg of found) packages.push({ ...pkg, introducedByLayer: introducedBy(pkg.purl).diffId });
    }
    return { packages, warnings };
  },
};

function packagesOf(info: GoBuildInfo, file: WantedFile, warnings: Warning[]): Package[] {
  const out: Package[] = [];
  const mod = parseModInfo(info.modinfo);
  const toolchain = info.goVersion.split(' ')[0];
  const stdlib = toPackage('stdlib', toolchainToSemver(toolchain) ?? info.goVersion, file, warnings);
  if (stdlib)
    out.push({ ...stdlib, metadata: { goVersion: info.goVersion, ...(mod.path ? { mainPackage: mod.path } : {}) } });
  if (mod.main) {
    const version =
      mod.main.version && mod.main.version !== DEVEL ? mod.main.version : (versionFromLdflags(mod) ?? DEVEL);
    const main = toPackage(mod.main.path, version, file, warnings);
    // A `(devel)` main module was built from a source checkout of unknown version: every
    // advisory of its path would claim it (`(devel)` orders below every release), so it is
    // not matched (Trivy and Grype leave it out too); it is the program itself, so it is
    // not warned about, and the coverage counts it as not assessed.
    const devel =
      version === DEVEL ? { devel: true, ...sourceMetadata({ kind: 'file', ref: 'a source checkout ((devel))' }) } : {};
    if (main) out.push({ ...main, metadata: { mainModule: true, ...devel } });
  }
  for (const dep of mod.deps) {
    const linked = linkedModule(dep);
    const pkg = toPackage(linked.path, linked.version, file, warnings);
    if (!pkg) continue;
    if (dep.replace?.version) pkg.metadata = { replaces: `${dep.path}@${dep.version}` };
    else if (dep.replace)
      pkg.metadata = {
        replacedBy: dep.replace.path,
        devel: true,
        ...sourceMetadata({ kind: 'file', ref: dep.replace.path }),
      };
    out.push(pkg);
  }
  return out;
}

/** The module whose code was linked: the replacement if any; a local-directory replacement has no version. */
function linkedModule(dep: GoModule): { path: string; version: string } {
  if (!dep.replace) return dep;
  if (dep.replace.version) return dep.replace;
  return { path: dep.path, version: DEVEL };
}

function toPackage(path: string, version: string, file: WantedFile, warnings: Warning[]): Package | undefined {
  const slash = path.lastIndexOf('/');
  let purl: string;
  try {
    purl = new PackageURL(
      'golang',
      slash > 0 ? path.slice(0, slash) : undefined,
      slash > 0 ? path.slice(slash + 1) : path,
      version,
    ).toString();
  } catch (err) {
    warnings.push({
      path: file.path,
      message: `Go module ${path} ${version} cannot be written as a purl (${(err as Error).message}); skipped`,
    });
    return undefined;
  }
  return {
    type: 'golang',
    name: path,
    version,
    purl,
    licenses: [],
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    foundBy: 'golang',
  };
}
