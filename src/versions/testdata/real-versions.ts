/**
 * Real version strings from the public feeds in ../shared, for table and oracle tests.
 * Each loader returns versions grouped by package, so tests can pair versions a matcher
 * would really compare (same package) as well as random ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import YAML from 'yaml';
import { SPECS } from '../../catalogers/rpm/testdata/rpmdb-builder.js';

export const SHARED = path.resolve(process.cwd(), '..', 'shared');
export const FEEDS = path.join(SHARED, 'feeds');

export type VersionsByPackage = Map<string, Set<string>>;

function add(map: VersionsByPackage, pkg: string, version: string | undefined | null): void {
  if (!version) return;
  if (!map.has(pkg)) map.set(pkg, new Set());
  map.get(pkg)!.add(String(version));
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Debian versions: DSA/DLA lists, the vuln-list tracker JSON, the tracker JSON excerpt, and the bookworm image's dpkg status. */
export function debianVersions(): VersionsByPackage {
  const map: VersionsByPackage = new Map();
  for (const list of ['DSA', 'DLA']) {
    const text = readFileSync(path.join(FEEDS, 'debian-security-tracker-lists/data', list, 'list'), 'utf8');
    // `\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6`; annotations like `<not-affected>` are not versions.
    for (const m of text.matchAll(/^\t\[[a-z-]+\] - (\S+) (\d\S*)/gm)) add(map, m[1], m[2]);
  }
  for (const file of filesUnder(path.join(FEEDS, 'debian-vuln-list-debian/tracker'), '.json')) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      Annotations?: Array<{ Package?: string; Version?: string }>;
    };
    for (const a of json.Annotations ?? []) if (a.Package) add(map, a.Package, a.Version);
  }
  const excerpt = JSON.parse(readFileSync(path.join(FEEDS, 'debian-tracker-json-excerpt/debian.json'), 'utf8'));
  for (const [pkg, cves] of Object.entries<Record<string, { releases?: unknown }>>(excerpt)) {
    for (const cve of Object.values(cves)) {
      if (!cve.releases || Array.isArray(cve.releases)) continue;
      for (const rel of Object.values(
        cve.releases as Record<string, { fixed_version?: string; repositories?: Record<string, string> }>,
      )) {
        if (rel.fixed_version !== '0') add(map, pkg, rel.fixed_version);
        for (const v of Object.values(rel.repositories ?? {})) add(map, pkg, v);
      }
    }
  }
  for (const row of dpkgTruthRows()) {
    add(map, row.source, row.version);
    add(map, row.source, row.sourceVersion);
  }
  return map;
}

/** The bookworm minbase image's installed packages: name, version, source, source version. */
export function dpkgTruthRows(): Array<{ name: string; version: string; source: string; sourceVersion: string }> {
  const text = readFileSync(path.join(SHARED, 'images/debian-bookworm-minbase.truth/dpkg.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [name, version, source, sourceVersion] = l.split('\t');
      return { name, version, source, sourceVersion };
    });
}

/** Alpine versions: secfixes keys of every secdb YAML branch file and the vuln-list JSON split. */
export function alpineVersions(): VersionsByPackage {
  const map: VersionsByPackage = new Map();
  type Pkg = { name: string; secfixes?: Record<string, unknown> | null };
  const dir = path.join(FEEDS, 'alpine-secdb/official-yaml');
  for (const file of filesUnder(dir, '.yaml')) {
    // Keys like `1.1.1` must stay strings, so parse with the YAML 1.1 core schema off.
    const doc = YAML.parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }) as {
      packages?: Array<{ pkg: Pkg }> | string;
    };
    if (!Array.isArray(doc.packages)) continue;
    for (const { pkg } of doc.packages) {
      if (pkg.secfixes && typeof pkg.secfixes === 'object')
        for (const v of Object.keys(pkg.secfixes)) add(map, pkg.name, v);
    }
  }
  for (const file of filesUnder(path.join(FEEDS, 'alpine-secdb/vuln-list-split'), '.json')) {
    // One package entry per file, at the top level (`{name, secfixes, distroversion, ...}`).
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Pkg;
    const pkgs = doc.name ? [doc] : [];
    for (const pkg of pkgs) for (const v of Object.keys(pkg.secfixes ?? {})) add(map, pkg.name, v);
  }
  return map;
}

/**
 * Red Hat EVRs from the CSAF samples: the purls (`pkg:rpm/redhat/bind@9.8.2-0.68.rc1.el6_10.17?arch=src&epoch=32`)
 * and the product ids and names, which spell the NEVRA with an explicit epoch, 0 included
 * (`6Server-ELS.EXTENSION:bind-32:9.8.2-0.68.rc1.el6_10.17.i686`, `python3.9-0:3.9.19-8.el9.src`).
 */
export function redhatEvrs(): VersionsByPackage {
  const map: VersionsByPackage = new Map();
  const dir = path.join(FEEDS, 'redhat-csaf-samples');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/"pkg:rpm\/redhat\/([^@"]+)@([^?"]+)(?:\?([^"]*))?"/g)) {
      const epoch = /(?:^|&)epoch=(\d+)/.exec(m[3] ?? '')?.[1];
      add(map, m[1], epoch ? `${epoch}:${m[2]}` : m[2]);
    }
    for (const m of text.matchAll(
      /"(?:product_id|name)": "(?:[^":]+:)?([^":\s]+)-(\d+:[^-"\s]+-[^-"\s]+)\.(?:src|noarch|x86_64|i686|s390x?|ppc64(?:le)?|aarch64)[" ]/g,
    )) {
      add(map, m[1], m[2]);
    }
  }
  return map;
}

/** EVRs of the packages src/catalogers/rpm builds with rpmbuild, from their spec files. */
export function rpmbuildEvrs(): VersionsByPackage {
  const map: VersionsByPackage = new Map();
  for (const [name, spec] of Object.entries(SPECS)) {
    const tag = (t: string) => new RegExp(`^${t}:\\s*(\\S+)$`, 'm').exec(spec)?.[1];
    const epoch = tag('Epoch');
    add(map, name, `${epoch ? `${epoch}:` : ''}${tag('Version')}-${tag('Release')}`);
  }
  return map;
}

/**
 * RPM EVRs: those Red Hat's CSAF samples state, and those of the rpms our rpm cataloger tests
 * build with the real rpmbuild. They are few; oracle tests pair them with Debian and Alpine
 * version strings read as EVRs to compare at scale.
 */
export function rpmEvrs(): VersionsByPackage {
  const map = redhatEvrs();
  for (const [pkg, evrs] of rpmbuildEvrs()) for (const evr of evrs) add(map, pkg, evr);
  return map;
}

/** Maven versions: testdata/maven-versions.tsv (Maven Central) plus the GHSA Maven advisories' range events. */
export function mavenVersions(): VersionsByPackage {
  const map: VersionsByPackage = new Map();
  const text = readFileSync(path.join(import.meta.dirname, 'maven-versions.tsv'), 'utf8');
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [ga, version] = line.split('\t');
    add(map, ga, version);
  }
  for (const file of filesUnder(path.join(FEEDS, 'ghsa-osv/advisories'), '.json')) {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as OsvRecord;
    const maven = (rec.affected ?? []).filter((a) => a.package?.ecosystem === 'Maven');
    collectOsv(map, { affected: maven });
  }
  return map;
}

interface OsvRecord {
  affected?: Array<{
    package?: { name?: string; ecosystem?: string };
    ranges?: Array<{ type?: string; events?: Array<Record<string, string>> }>;
    versions?: string[];
  }>;
}

function collectOsv(map: VersionsByPackage, rec: OsvRecord): void {
  for (const a of rec.affected ?? []) {
    const name = a.package?.name ?? '?';
    for (const r of a.ranges ?? []) {
      // GIT ranges hold commit hashes, not versions.
      if (r.type === 'GIT') continue;
      for (const e of r.events ?? []) for (const v of Object.values(e)) add(map, name, v);
    }
    for (const v of a.versions ?? []) add(map, name, v);
  }
}

/** PyPI versions in the PyPA advisory database: range events and explicit `versions` lists. */
export async function pypiVersions(): Promise<VersionsByPackage> {
  const map: VersionsByPackage = new Map();
  const zip = new StreamZip.async({ file: path.join(FEEDS, 'pypa-osv/pypa-advisories.zip') });
  try {
    const entries = Object.values(await zip.entries()).filter((e) => e.isFile && e.name.endsWith('.yaml'));
    for (const e of entries.sort((x, y) => x.name.localeCompare(y.name))) {
      const rec = YAML.parse((await zip.entryData(e)).toString('utf8'), { schema: 'failsafe' }) as OsvRecord;
      collectOsv(map, rec);
    }
  } finally {
    await zip.close();
  }
  return map;
}

/** Go module and stdlib versions in the Go vulnerability database (OSV JSON, no `v` prefix). */
export async function goVersions(): Promise<VersionsByPackage> {
  const map: VersionsByPackage = new Map();
  const zip = new StreamZip.async({ file: path.join(FEEDS, 'go-vulndb-osv/all.zip') });
  try {
    const entries = Object.values(await zip.entries()).filter((e) => e.isFile && e.name.endsWith('.json'));
    for (const e of entries.sort((x, y) => x.name.localeCompare(y.name))) {
      collectOsv(map, JSON.parse((await zip.entryData(e)).toString('utf8')) as OsvRecord);
    }
  } finally {
    await zip.close();
  }
  return map;
}

export function allVersions(map: VersionsByPackage): string[] {
  return [...new Set([...map.values()].flatMap((s) => [...s]))].sort();
}
