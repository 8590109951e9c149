/** One crate a Cargo.lock pins. */
export interface LockedCrate {
  name: string;
  version: string;
  /** `registry+https://github.com/rust-lang/crates.io-index`, `git+https://…#sha`, … */
  source: string;
}

/**
 * Reads the `[[package]]` tables of a Cargo.lock (format versions 1 to 4, all written by
 * Cargo with one `key = "value"` per line). Packages without a `source` are the workspace's
 * own crates and path dependencies, not something fetched, and are left out.
 * Throws when the file has no `[[package]]` table at all.
 */
export function parseCargoLock(text: string): LockedCrate[] {
  const crates: LockedCrate[] = [];
  let current: Partial<LockedCrate> | undefined;
  let sawPackage = false;
  const flush = () => {
    if (current?.name && current.version && current.source) crates.push(current as LockedCrate);
    current = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      flush();
      if (line === '[[package]]') {
        current = {};
        sawPackage = true;
      }
      continue;
    }
    if (!current) continue;
    const m = /^(name|version|source)\s*=\s*"([^"]*)"/.exec(line);
    if (m) current[m[1] as keyof LockedCrate] = m[2];
  }
  flush();
  if (!sawPackage) throw new Error('no [[package]] table: not a Cargo.lock');
  return crates;
}
