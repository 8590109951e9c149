import { inflateSync } from 'node:zlib';
import type { DependencySource } from '../common/outside-registry.js';
import { sectionData, type Elf } from '../golang/elf.js';

/** One crate as `cargo auditable` recorded it. */
export interface AuditedCrate {
  name: string;
  version: string;
  /** `crates.io`, `local`, `git`, `registry` or another source kind. */
  source: string;
  /** The crate the binary was built from. */
  root?: boolean;
}

/** The binary records a source's kind only, never its URL, path or index. */
export const UNRECORDED_IN_BINARY = 'unrecorded in the binary';

/**
 * Where cargo-auditable says a crate came from, undefined for crates.io. Its kinds are
 * `crates.io`, `git`, `local` (a path dependency or workspace member, and the program's
 * own crate), `registry` (any other registry) and, the format being extensible, others.
 */
export function auditedSource(source: string): DependencySource | undefined {
  if (source === 'crates.io') return undefined;
  if (source === 'git') return { kind: 'git', ref: UNRECORDED_IN_BINARY };
  if (source === 'local') return { kind: 'file', ref: UNRECORDED_IN_BINARY };
  if (source === 'registry') return { kind: 'registry', ref: UNRECORDED_IN_BINARY };
  return { kind: 'other', ref: source };
}

/** Compressed and inflated bounds: real dependency trees are a few KiB compressed. */
const MAX_SECTION = 8 * 1024 * 1024;
const MAX_JSON = 64 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The dependency tree `cargo auditable build` embeds in a Rust executable: the `.dep-v0`
 * section holds zlib-compressed JSON `{"packages": [{name, version, source, kind?,
 * dependencies?, root?}]}` (https://github.com/rust-secure-code/cargo-auditable,
 * cargo-auditable.schema.json). Crates of kind `build` (build scripts, proc macros) ran
 * at build time and are not in the binary, so they are left out.
 * Undefined when the binary has no such section; throws when it is corrupt.
 */
export function readAuditData(elf: Elf): AuditedCrate[] | undefined {
  const section = sectionData(elf, '.dep-v0', MAX_SECTION);
  if (!section) return undefined;
  const json: unknown = JSON.parse(inflateSync(section, { maxOutputLength: MAX_JSON }).toString('utf8'));
  if (!isObject(json) || !Array.isArray(json.packages)) throw new Error('.dep-v0 has no "packages" array');
  const crates: AuditedCrate[] = [];
  for (const p of json.packages) {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    if (p.kind === 'build') continue;
    const crate: AuditedCrate = {
      name: p.name,
      version: p.version,
      source: typeof p.source === 'string' ? p.source : 'unknown',
    };
    if (p.root === true) crate.root = true;
    crates.push(crate);
  }
  return crates;
}
