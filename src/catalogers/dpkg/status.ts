import type { Paragraph } from './deb822.js';

/** One binary package entry of the dpkg database whose files are on disk. */
export interface DpkgEntry {
  name: string;
  version: string;
  arch?: string;
  /** Source package; the binary name when the entry has no `Source:` field, as dpkg-query's `${source:Package}`. */
  sourceName: string;
  /** Source version; the binary version unless `Source: name (version)` says otherwise (binNMUs). */
  sourceVersion: string;
  maintainer?: string;
  /** `Installed-Size`, in KiB. */
  installedSize?: number;
  status?: string;
}

/**
 * dpkg package states (dpkg(1) "Package states") in which the package's files are
 * unpacked on disk. `half-installed` (unpack interrupted, files partly there),
 * `config-files` (only conffiles left after removal) and `not-installed` are not
 * reported: there is no software of that package to be vulnerable. The selection
 * (`install`, `hold`, `deinstall`, `purge`) does not matter: a package marked for
 * removal is still there until it is removed.
 */
const FILES_PRESENT = new Set(['installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

export type EntryResult = { entry: DpkgEntry } | { skipped: string } | { error: string };

/**
 * Reads one paragraph. `statusRequired` is false for distroless `status.d/` files,
 * which hold one installed package each and have sometimes been written without Status.
 */
export function readEntry(paragraph: Paragraph, statusRequired: boolean): EntryResult {
  const f = paragraph.fields;
  const name = f.get('package');
  const where = name ? `package ${name} (line ${paragraph.line})` : `paragraph at line ${paragraph.line}`;
  if (!name) return { error: `${where} has no Package field` };

  const status = f.get('status');
  if (status !== undefined) {
    const words = status.split(/\s+/);
    if (words.length !== 3) return { error: `${where} has a malformed Status "${status}"` };
    if (!FILES_PRESENT.has(words[2])) return { skipped: words[2] };
  } else if (statusRequired) {
    return { error: `${where} has no Status field` };
  }

  const version = f.get('version');
  if (!version) return { error: `${where} has no Version field` };

  const source = parseSource(f.get('source'));
  if (source === null) return { error: `${where} has a malformed Source "${f.get('source')}"` };

  const entry: DpkgEntry = {
    name,
    version,
    sourceName: source?.name ?? name,
    sourceVersion: source?.version ?? version,
  };
  const arch = f.get('architecture');
  if (arch) entry.arch = arch;
  const maintainer = f.get('maintainer');
  if (maintainer) entry.maintainer = maintainer;
  const size = Number(f.get('installed-size'));
  if (f.has('installed-size') && Number.isInteger(size) && size >= 0) entry.installedSize = size;
  if (status !== undefined) entry.status = status;
  return { entry };
}

/** `Source: util-linux (2.38.1-5+deb12u3)` or `Source: gcc-12`; null when malformed. */
function parseSource(value: string | undefined): { name: string; version?: string } | undefined | null {
  if (value === undefined || value === '') return undefined;
  const match = /^(\S+)(?:\s+\(([^()\s]+)\))?$/.exec(value);
  if (!match) return null;
  return match[2] ? { name: match[1], version: match[2] } : { name: match[1] };
}

/** The identity used to follow a package through the layers. */
export function entryKey(entry: Pick<DpkgEntry, 'name' | 'version' | 'arch'>): string {
  return `${entry.name}\0${entry.version}\0${entry.arch ?? ''}`;
}
