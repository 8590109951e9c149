import { PackageURL } from 'packageurl-js';
import type { StreamedFile } from '../types.js';
import { isProgramCandidate, withBytes } from '../golang/binary-file.js';
import { isElf, readElf } from '../golang/elf.js';
import type { DependencySource, Registry } from '../common/outside-registry.js';
import { fileCataloger, type FoundPackage } from '../harness/file-cataloger.js';
import { parseCargoLock, type LockedCrate } from './cargo-lock.js';
import { auditedSource, readAuditData, type AuditedCrate } from './dep-v0.js';

/** What one file said: crates linked into a binary, or pinned by a lockfile. */
type RustAnalysis = { from: 'binary'; crates: AuditedCrate[] } | { from: 'lockfile'; crates: LockedCrate[] };

/** One crate a binary links or a lockfile pins. */
interface FoundCrate {
  name: string;
  version: string;
  /** As the file spells it: `crates.io`, `git+https://…#sha`; absent for a lockfile's local crate. */
  source?: string;
  fromLockfile: boolean;
  /** The crate a binary was built from. */
  root: boolean;
  /** Where it came from when that is not crates.io. */
  outside?: DependencySource;
}

export const CRATES_IO: Registry = { name: 'crates.io', advisories: 'crates.io advisories' };

/** Lockfiles of crates Cargo downloaded as sources are the dependencies' own, not the application's. */
const isCargoLock = (path: string) =>
  path.endsWith('/Cargo.lock') && !path.includes('/.cargo/registry/') && !path.includes('/.cargo/git/');
const MAX_LOCKFILE = 16 * 1024 * 1024;

/**
 * Rust crates: from the `.dep-v0` section of binaries built with `cargo auditable`
 * (plain `cargo build` embeds nothing, so those binaries yield nothing), and from
 * Cargo.lock files shipped in the image. Both are analyzed as their layer streams by,
 * since an analyzing cataloger keeps no bodies. A crate not from crates.io (git, a local
 * path, another registry) is listed with its source, not matched, and named in one
 * warning on its file (catalogers/common/outside-registry.ts); the project itself (a
 * lockfile's root package, a binary's root crate) is not warned about.
 */
export const rustCataloger = fileCataloger<FoundCrate, undefined, RustAnalysis>({
  name: 'rust',
  version: 2,
  maxFileBytes: 1024 * 1024 * 1024,
  wants: (path) => isProgramCandidate(path) || isCargoLock(path),
  fileKind: 'Rust binary or Cargo.lock',
  analyze: analyzeRustFile,
  read: (analysis) => ({ entries: cratesOf(analysis) }),
  key: (c) => `${c.name}@${c.version}`,
  // A lockfile may pin a crate twice (two sources); each file reports it once.
  oncePer: 'file',
  toPackage: cratePackage,
  problem: (c, err) => `crate ${c.name} ${c.version} cannot be written as a purl (${err.message}); skipped`,
  outsideRegistry: {
    registry: CRATES_IO,
    sourceOf: (c) => c.outside,
    isProject: (c) => c.root,
  },
});

async function analyzeRustFile(file: StreamedFile): Promise<RustAnalysis | undefined> {
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
}

function cratesOf(analysis: RustAnalysis): FoundCrate[] {
  if (analysis.from === 'lockfile') return analysis.crates.map((c) => ({ ...c, fromLockfile: true, root: false }));
  return analysis.crates.map((c) => ({
    name: c.name,
    version: c.version,
    source: c.source,
    fromLockfile: false,
    root: c.root === true,
    // A binary records a source's kind only: there is no URL for a purl qualifier.
    outside: auditedSource(c.source),
  }));
}

function cratePackage(c: FoundCrate): FoundPackage {
  const metadata: Record<string, string | boolean> = {};
  if (c.source !== undefined) metadata.source = c.source;
  if (c.fromLockfile) metadata.lockfile = true;
  if (c.root) metadata.root = true;
  return {
    type: 'cargo',
    name: c.name,
    version: c.version,
    purl: new PackageURL('cargo', undefined, c.name, c.version).toString(),
    licenses: [],
    metadata,
  };
}
