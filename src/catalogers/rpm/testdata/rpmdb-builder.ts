import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Test scaffolding: real rpm databases, made at test time by Debian's rpm 4.18 tools
 * (`rpmbuild`, `rpm --initdb`, `rpm -i --justdb`) from tiny spec files, so the header
 * blobs are exactly what rpm writes. This rpm build writes only sqlite; the Berkeley DB
 * hash file is made from the same blobs by Berkeley DB's own `db_load`, and rpm itself
 * (its read-only `bdb_ro` backend) is asked to read it back. Needs the Debian packages
 * rpm, sqlite3 and db-util (.ci/install-oracles.sh installs them).
 */

export const SPECS: Record<string, string> = {
  // An epoch, a compound license and a file where a jar would live.
  'airlock-hello': `Name: airlock-hello
Version: 1.2.3
Release: 4
Epoch: 2
Summary: airlock rpm test package
License: MIT and (Apache-2.0 or BSD)
Vendor: airlock tests
BuildArch: noarch
%description
test
%install
mkdir -p %{buildroot}/usr/share/airlock-hello %{buildroot}/opt/airlock/lib
echo hello > %{buildroot}/usr/share/airlock-hello/hello.txt
echo jar > %{buildroot}/opt/airlock/lib/commons-io.jar
%files
/usr/share/airlock-hello/hello.txt
/opt/airlock/lib/commons-io.jar
`,
  // Two binary packages from one source (sourceName differs from name), 300 files so the
  // header is ~46 KB and spills onto Berkeley DB overflow pages.
  'airlock-tools': `Name: airlock-tools
Version: 0.9
Release: 1.el9
Summary: airlock rpm test package
License: GPL-2.0-or-later
BuildArch: noarch
%description
test
%package doc
Summary: docs
%description doc
docs
%install
mkdir -p %{buildroot}/usr/share/airlock-tools %{buildroot}/usr/share/doc/airlock-tools
for i in $(seq 1 300); do echo $i > %{buildroot}/usr/share/airlock-tools/file-with-a-long-name-$i.txt; done
echo doc > %{buildroot}/usr/share/doc/airlock-tools/README
%files
/usr/share/airlock-tools
%files doc
/usr/share/doc/airlock-tools/README
`,
};

export interface RpmFixture {
  dir: string;
  /** Built .rpm files by package name. */
  rpms: Record<string, string>;
  cleanup(): void;
}

function run(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

/** Builds the binary rpms of `specs` into a temporary directory. */
export function buildRpms(specs: Record<string, string> = SPECS): RpmFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-rpm-'));
  const top = path.join(dir, 'top');
  for (const [name, spec] of Object.entries(specs)) {
    const file = path.join(dir, `${name}.spec`);
    writeFileSync(file, spec);
    run('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, file]);
  }
  const rpms: Record<string, string> = {};
  // noarch and, for specs that build for the machine's arch (BuildArch: x86_64), that arch's folder.
  for (const arch of readdirSync(path.join(top, 'RPMS'))) {
    const out = path.join(top, 'RPMS', arch);
    for (const f of readdirSync(out))
      rpms[run('rpm', ['-qp', '--qf', '%{NAME}', path.join(out, f)]).trim()] = path.join(out, f);
  }
  return { dir, rpms, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `rpm --initdb` + `rpm -i --justdb` of the given rpms into a new sqlite database directory. */
export function sqliteRpmDb(fixture: RpmFixture, names: string[]): string {
  const dbpath = mkdtempSync(path.join(fixture.dir, 'sqlite-'));
  run('rpm', ['--initdb', '--dbpath', dbpath, '--define', '_db_backend sqlite']);
  // Debian's rpm warns that it should not install packages; --justdb only writes the database.
  if (names.length)
    run('rpm', [
      '-i',
      '--justdb',
      '--nodeps',
      '--noscripts',
      '--dbpath',
      dbpath,
      '--define',
      '_db_backend sqlite',
      ...names.map((n) => fixture.rpms[n]),
    ]);
  return path.join(dbpath, 'rpmdb.sqlite');
}

/** The header blobs rpm wrote, by header number, read with the sqlite3 command-line tool. */
export function sqliteBlobs(sqliteFile: string): { hnum: number; blob: Buffer }[] {
  const rows = run('sqlite3', ['-readonly', sqliteFile, 'SELECT hnum, hex(blob) FROM Packages ORDER BY hnum']);
  return rows
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hnum, hex] = line.split('|');
      return { hnum: Number(hnum), blob: Buffer.from(hex, 'hex') };
    });
}

/**
 * A Berkeley DB hash `Packages` file holding the same blobs, keyed by header number in
 * host (little-endian) order as rpm's BDB backend keys them, written by `db_load`.
 */
export function bdbRpmDb(fixture: RpmFixture, blobs: { hnum: number; blob: Buffer }[], pageSize: number): string {
  const dbpath = mkdtempSync(path.join(fixture.dir, 'bdb-'));
  const key = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b.toString('hex');
  };
  const dump = [
    'VERSION=3',
    'format=bytevalue',
    'type=hash',
    `db_pagesize=${pageSize}`,
    'HEADER=END',
    ...blobs.flatMap(({ hnum, blob }) => [` ${key(hnum)}`, ` ${blob.toString('hex')}`]),
    'DATA=END',
    '',
  ].join('\n');
  run('db_load', [path.join(dbpath, 'Packages')], dump);
  return path.join(dbpath, 'Packages');
}

/** `rpm -qa` on a database directory: rpm's own reading of it, for comparison. */
export function rpmQueryAll(dbFile: string, backend: 'sqlite' | 'bdb_ro'): string[] {
  const out = run('rpm', [
    '-qa',
    '--dbpath',
    path.dirname(dbFile),
    '--define',
    `_db_backend ${backend}`,
    '--qf',
    '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n',
  ]);
  return out.trim().split('\n').filter(Boolean).sort();
}

/** rpm's file list of one installed package (by iterating: a db_load-made database has no Name index). */
export function rpmFiles(dbFile: string, backend: 'sqlite' | 'bdb_ro', name: string): string[] {
  const out = run('rpm', [
    '-qa',
    '--dbpath',
    path.dirname(dbFile),
    '--define',
    `_db_backend ${backend}`,
    '--qf',
    '=%{NAME}\\n[%{FILENAMES}\\n]',
  ]);
  const files: string[] = [];
  let current = '';
  for (const line of out.split('\n').filter(Boolean)) {
    if (line.startsWith('=')) current = line.slice(1);
    else if (current === name) files.push(line);
  }
  return files;
}
