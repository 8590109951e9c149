import { createHash } from 'node:crypto';

/**
 * Writes an apk-tools 2.14 installed database (`lib/apk/db/installed`) from package
 * descriptions, the way apk_db_write_fdb() lays it out: the package header fields in
 * apk's order C P V A S I T U L o m t c k D p i, then r q, then the file list (F: a
 * directory, M: its acl when not 0:0:755, R: a file, a: its acl when not 0:0:644, Z: its
 * checksum), and a blank line after each entry.
 *
 * Values apk computes from the .apk (C: identity checksum, S: size, I: installed size,
 * c: aports commit, t: build time, Z: file checksums) are derived here from the package
 * name and version with sha1, so the fixture is deterministic; they are not Alpine's.
 */

export interface DbFile {
  name: string;
  /** `uid:gid:mode` when it differs from apk's default 0:0:644. */
  acl?: string;
}

export interface DbDir {
  path: string;
  /** `uid:gid:mode` when it differs from apk's default 0:0:755. */
  acl?: string;
  files?: DbFile[];
}

export interface DbPackage {
  name: string;
  version: string;
  /** aports origin; defaults to the package name (every Alpine package has one). */
  origin?: string;
  description: string;
  url: string;
  license: string;
  maintainer?: string;
  /** k: provider priority. */
  priority?: number;
  depends?: string;
  provides?: string;
  installIf?: string;
  replaces?: string;
  replacesPriority?: number;
  dirs: DbDir[];
}

const sha1 = (text: string) => createHash('sha1').update(text).digest();
/** apk's "Q1" checksum encoding: base64 of a sha1 digest. */
const q1 = (text: string) => `Q1${sha1(text).toString('base64')}`;
/** A deterministic number in [min, min + span) drawn from a label. */
const draw = (label: string, min: number, span: number) => min + (sha1(label).readUInt32BE(0) % span);

export function writeEntry(pkg: DbPackage): string {
  const origin = pkg.origin ?? pkg.name;
  const build = `${origin}-${pkg.version}`; // subpackages share their origin's build
  const installed = 4096 * draw(`I ${pkg.name}-${pkg.version}`, 2, 400);
  const lines = [
    `C:${q1(`${pkg.name}-${pkg.version}.apk`)}`,
    `P:${pkg.name}`,
    `V:${pkg.version}`,
    'A:x86_64',
    `S:${Math.floor((installed * draw(`S ${pkg.name}`, 30, 40)) / 100) + draw(`s ${pkg.name}`, 0, 4096)}`,
    `I:${installed}`,
    `T:${pkg.description}`,
    `U:${pkg.url}`,
    `L:${pkg.license}`,
    `o:${origin}`,
  ];
  if (pkg.maintainer) lines.push(`m:${pkg.maintainer}`);
  lines.push(`t:${draw(`t ${build}`, 1_714_000_000, 6_000_000)}`, `c:${sha1(`aports ${build}`).toString('hex')}`);
  if (pkg.priority !== undefined) lines.push(`k:${pkg.priority}`);
  if (pkg.depends) lines.push(`D:${pkg.depends}`);
  if (pkg.provides) lines.push(`p:${pkg.provides}`);
  if (pkg.installIf) lines.push(`i:${pkg.installIf}`);
  if (pkg.replaces) lines.push(`r:${pkg.replaces}`);
  if (pkg.replacesPriority !== undefined) lines.push(`q:${pkg.replacesPriority}`);
  for (const dir of pkg.dirs) {
    lines.push(`F:${dir.path}`);
    if (dir.acl) lines.push(`M:${dir.acl}`);
    for (const file of dir.files ?? []) {
      lines.push(`R:${file.name}`);
      if (file.acl) lines.push(`a:${file.acl}`);
      lines.push(`Z:${q1(`${pkg.name}-${pkg.version}/${dir.path}/${file.name}`)}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}

export function writeDb(packages: DbPackage[]): string {
  return packages.map(writeEntry).join('');
}
