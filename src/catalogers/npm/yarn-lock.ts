import { aliasTarget, isRegistryVersion, type LockedPackage } from './package-lock.js';

/**
 * Reads `yarn.lock`, both the classic v1 format (`version "1.2.3"`) and the YAML of
 * Yarn 2+ ("berry": `version: 1.2.3`, `resolution: "name@npm:1.2.3"`). Each entry starts
 * with an unindented line of descriptors (`"a@^1.0.0", a@^1.1.0:`); its fields are
 * indented under it. Berry entries resolved by another protocol than npm (workspace:,
 * patch:, link:, portal:, file:, git) are the project itself or duplicates of an npm
 * entry, so only npm resolutions count.
 */
export function parseYarnLock(text: string): LockedPackage[] {
  const found = new Map<string, LockedPackage>();
  let descriptor: string | undefined;
  let version: string | undefined;
  let resolution: string | undefined;

  const flush = () => {
    if (descriptor === undefined) return;
    const pkg = resolution !== undefined ? fromResolution(resolution) : fromDescriptor(descriptor, version);
    descriptor = version = resolution = undefined;
    if (!pkg || !isRegistryVersion(pkg.version)) return;
    const key = `${pkg.name}@${pkg.version}`;
    if (!found.has(key)) found.set(key, { ...pkg, licenses: [] });
  };

  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) continue;
    if (line[0] !== ' ') {
      flush();
      if (!line.endsWith(':') || line.startsWith('__metadata')) continue;
      descriptor = line
        .slice(0, -1)
        .split(',')[0]
        .trim()
        .replace(/^["']|["']$/g, '');
      continue;
    }
    if (descriptor === undefined || !/^ {2}\S/.test(line)) continue;
    const field = /^ {2}(version|resolution):? +(.+)$/.exec(line);
    if (field?.[1] === 'version') version = unquote(field[2].trim());
    else if (field?.[1] === 'resolution') resolution = unquote(field[2].trim());
  }
  flush();
  return [...found.values()];
}

/** Berry: `"@types/node@npm:18.11.9"`. */
function fromResolution(resolution: string): { name: string; version: string } | undefined {
  const at = resolution.indexOf('@', 1);
  if (at === -1 || !resolution.startsWith('npm:', at + 1)) return undefined;
  return { name: resolution.slice(0, at), version: resolution.slice(at + 5) };
}

/** Classic: the name from the descriptor (`@babel/core@^7.0.0`), unless it aliases another package. */
function fromDescriptor(
  descriptor: string,
  version: string | undefined,
): { name: string; version: string } | undefined {
  if (version === undefined) return undefined;
  const at = descriptor.indexOf('@', 1);
  if (at === -1) return undefined;
  const alias = aliasTarget(descriptor.slice(at + 1));
  return { name: alias?.name ?? descriptor.slice(0, at), version };
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.endsWith(s[0]) ? s.slice(1, -1) : s;
}
