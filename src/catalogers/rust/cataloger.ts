import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger, StreamedFile, WantedFile } from '../types.js';
import { isProgramCandidate, withBytes } from '../golang/binary-file.js';
import { isElf, readElf } from '../golang/elf.js';
import { analysisIntroducer } from '../common/introduced-by.js';
import {
  sourceMetadata,
  sourceQualifiers,
  unassessedWarning,
  type DependencySource,
  type Registry,
} from '../common/outside-registry.js';
import { parseCargoLock, type LockedCrate } from './cargo-lock.js';
import { auditedSource, readAuditData, type AuditedCrate } from './dep-v0.js';

/** What one file said: crates linked into a binary, or pinned by a lockfile. */
type RustAnalysis = { from: 'binary'; crates: AuditedCrate[] } | { from: 'lockfile'; crates: LockedCrate[] };

export const CRATES_IO: Registry = { name: 'crates.io', advisories: 'crates.io advisories' };

/** Lockfiles of crates Cargo downloaded as sources are the dependencies' own, not the application's. */
const isCargoLock = (path: string) =>
  path.endsWith('/Cargo.lock') && !path.includes('/.cargo/registry/') && !path.includes('/.cargo/git/');
const MAX_LOCKFILE = 16 * 1024 * 1024;
const keyOf = (c: { name: string; version: string }) => `${c.name}@${c.version}`;

/**
 * Rust crates: from the `.dep-v0` section of binaries built with `cargo auditable`
 * (plain `cargo build` embeds nothing, so those binaries yield nothing), and from
 * Cargo.lock files shipped in the image. Both are analyzed as their layer streams by,
 * since an analyzing cataloger keeps no bodies. A crate not from crates.io (git, a local
 * path, another registry) is listed with its source, not matched, and named in one
 * warning on its file (catalogers/common/outside-registry.ts); the project itself (a
 * lockfile's root package, a binary's root crate) is not warned about.
 */
export const rustCataloger: Cataloger = {
  name: 'rust',
  version: 2,
  maxFileBytes: 1024 * 1024 * 1024,
  wants: (path) => isProgramCandidate(path) || isCargoLock(path),
  async analyze(file: StreamedFile): Promise<RustAnalysis | undefined> {
    if (isCargoLock(file.path)) {
      if (file.size > MAX_LOCKFILE)
        throw new Error(`Cargo.lock of ${file.size} bytes is larger than the ${MAX_LOCKFILE} read`);
      return { from: 'lockfile', crates: parseCargoLock((await file.read()).toString('utf8')) };
    }
    if (file.size < 1024) return undefined;
    return withBytes(file, (readAt) => {
      if (!isElf(readAt(0, 4))) return undefined;
      const elf = readElf(readAt);
      const crates = elf && readAuditData(elf);
      return crates ? { from: 'binary', crates } : undefined;
    });
  },
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      const analysis = file.analysis as RustAnalysis | undefined;
      if (!analysis) continue;
      const introducedBy = analysisIntroducer(
        ctx.history(file.path),
        file.layer,
        (a): a is RustAnalysis => a !== undefined,
        (a) => new Set(a.crates.map(keyOf)),
      );
      const seen = new Set<string>();
      const unassessed: { name: string; source: DependencySource }[] = [];
      for (const crate of analysis.crates) {
        if (seen.has(keyOf(crate))) continue;
        seen.add(keyOf(crate));
        const root = analysis.from === 'binary' && (crate as AuditedCrate).root === true;
        const outside =
          analysis.from === 'binary' ? auditedSource((crate as AuditedCrate).source) : (crate as LockedCrate).outside;
        const pkg = toPackage(crate, analysis.from, outside, root, file, warnings);
        if (!pkg) continue;
        packages.push({ ...pkg, introducedByLayer: introducedBy(keyOf(crate)).diffId });
        if (outside && !root) unassessed.push({ name: crate.name, source: outside });
      }
      if (unassessed.length > 0) warnings.push({ path: file.path, message: unassessedWarning(CRATES_IO, unassessed) });
    }
    return { packages, warnings };
  },
};

function toPackage(
  crate: { name: string; version: string; source?: string },
  from: RustAnalysis['from'],
  outside: DependencySource | undefined,
  root: boolean,
  file: WantedFile,
  warnings: Warning[],
): Package | undefined {
  let purl: string;
  try {
    // A binary records a source's kind only: there is no URL for a purl qualifier.
    const qualifiers = outside && from === 'lockfile' ? sourceQualifiers(outside) : undefined;
    purl = new PackageURL('cargo', undefined, crate.name, crate.version, qualifiers).toString();
  } catch (err) {
    warnings.push({
      path: file.path,
      message: `crate ${crate.name} ${crate.version} cannot be written as a purl (${(err as Error).message}); skipped`,
    });
    return undefined;
  }
  const metadata: Record<string, string | boolean> = {};
  if (crate.source !== undefined) metadata.source = crate.source;
  if (from === 'lockfile') metadata.lockfile = true;
  if (root) metadata.root = true;
  Object.assign(metadata, sourceMetadata(outside));
  return {
    type: 'cargo',
    name: crate.name,
    version: crate.version,
    purl,
    licenses: [],
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    foundBy: 'rust',
    metadata,
  };
}
