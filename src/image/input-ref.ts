/**
 * Image arguments as Docker Scout takes them, offline: `archive://PATH` (a tarball),
 * `oci-dir://PATH` (an OCI layout directory), `fs://DIR` (a root filesystem, one layer),
 * `sbom://PATH` or `sbom://-` / `-` (an SBOM document, `-` from stdin). Scout's
 * `image://`, `local://` and `registry://` need a daemon or a registry, which airlock
 * never contacts: they are refused with the way to get a tarball instead.
 */
import { UserError } from '../errors.js';

export type InputKind = 'archive' | 'oci-dir' | 'fs';

export type ImageInput =
  | { kind: InputKind; path: string }
  /** No prefix: a path (its format sniffed from content) or a stored image's name. */
  | { kind: 'auto'; path: string }
  /** An SBOM document; `path` is `-` for stdin. */
  | { kind: 'sbom'; path: string };

const PREFIXES: Record<string, InputKind | 'sbom'> = {
  'archive://': 'archive',
  'oci-dir://': 'oci-dir',
  'fs://': 'fs',
  'sbom://': 'sbom',
};
const ONLINE = ['image://', 'local://', 'registry://'];

export function parseImageInput(input: string): ImageInput {
  if (input === '-') return { kind: 'sbom', path: '-' };
  // airlock's own `sbom:FILE`, kept working beside Scout's `sbom://FILE`.
  if (input.startsWith('sbom:') && !input.startsWith('sbom://'))
    return { kind: 'sbom', path: needPath('sbom:', input.slice(5)) };
  for (const [prefix, kind] of Object.entries(PREFIXES)) {
    if (!input.startsWith(prefix)) continue;
    const path = input.slice(prefix.length);
    // As Scout's: `sbom://` with no file reads the document from stdin.
    if (kind === 'sbom') return { kind, path: path === '' ? '-' : path };
    return { kind, path: needPath(prefix, path) };
  }
  const online = ONLINE.find((p) => input.startsWith(p));
  if (online) {
    throw new UserError(
      `${input}: ${online} reads from a Docker daemon or a registry, and airlock never contacts either`,
      {
        hint: 'save the image on a connected machine (docker save IMAGE -o image.tar) and pass archive://image.tar',
      },
    );
  }
  return { kind: 'auto', path: input };
}

function needPath(prefix: string, path: string): string {
  if (!path)
    throw new UserError(`${prefix} needs a path after it`, {
      hint: `e.g. ${prefix}${prefix.startsWith('fs') ? './rootfs' : prefix.startsWith('sbom') ? 'app.cdx.json' : 'app.tar'}`,
    });
  return path;
}
