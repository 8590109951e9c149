/**
 * Language packages end to end: the app fixture image's npm and PyPI packages, matched
 * against a database built from the real GHSA and PyPA feeds, must give exactly the
 * findings that an independent computation gives from the raw OSV files — npm ranges
 * decided by npm's own `semver.satisfies`, PyPI ranges by Python's `packaging.version`
 * (the reference PEP 440 implementation) in a python3 subprocess.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchSbom } from '../src/match/index.js';
import { buildFeedDb, FEEDS, type TestDb } from '../src/match/testdata/feed-db.js';
import type { Sbom } from '../src/sbom/model.js';
import { generateSbom } from '../src/services/sbom.js';
import { fixture } from './support/fixtures.js';

interface Osv {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: {
    package?: { ecosystem: string; name: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
}

/** The CVE when a record has one: the key findings use. */
const keyOf = (r: Osv) => [r.id, ...(r.aliases ?? [])].filter((id) => id.startsWith('CVE-')).sort()[0] ?? r.id;

function ghsaRecords(): Osv[] {
  const dir = path.join(FEEDS, 'ghsa-osv/advisories');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

async function pypaRecords(): Promise<Osv[]> {
  const zip = new StreamZip.async({ file: path.join(FEEDS, 'pypa-osv/pypa-advisories.zip') });
  const out: Osv[] = [];
  for (const entry of Object.values(await zip.entries())) {
    if (entry.isFile && entry.name.endsWith('.yaml'))
      out.push(parseYaml((await zip.entryData(entry)).toString('utf8'), { schema: 'failsafe' }));
  }
  await zip.close();
  return out.filter((r) => !r.withdrawn);
}

/** npm: each OSV range as a semver range string, decided by npm's semver. */
function npmExpected(packages: [string, string][], records: Osv[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    for (const a of r.affected ?? []) {
      if (a.package?.ecosystem !== 'npm') continue;
      for (const range of a.ranges ?? []) {
        const intro = range.events.find((e) => e.introduced)?.introduced;
        const fixed = range.events.find((e) => e.fixed)?.fixed;
        const last = range.events.find((e) => e.last_affected)?.last_affected;
        const expr = `>=${intro === '0' ? '0.0.0' : intro}${fixed ? ` <${fixed}` : ''}${last ? ` <=${last}` : ''}`;
        for (const [name, version] of packages) {
          if (name === a.package.name && semver.satisfies(version, expr))
            out.add(`${name} ${version} ${keyOf(r)}${fixed ? ` fixed ${fixed}` : ''}`);
        }
      }
    }
  }
  return out;
}

const PYTHON_ORACLE = `
import json, sys
from packaging.version import Version, InvalidVersion
from packaging.utils import canonicalize_name
data = json.load(sys.stdin)
out = set()
for r in data["records"]:
    for a in r.get("affected") or []:
        pkg = a.get("package") or {}
        if pkg.get("ecosystem") != "PyPI":
            continue
        for name, version in data["packages"]:
            if canonicalize_name(name) != canonicalize_name(pkg["name"]):
                continue
            try:
                v = Version(version)
            except InvalidVersion:
                continue
            hit = version in (a.get("versions") or [])
            for rng in a.get("ranges") or []:
                if rng["type"] != "ECOSYSTEM":
                    continue
                events = sorted(rng["events"], key=lambda e: Version("0") if e.get("introduced") == "0" else Version(list(e.values())[0]))
                state = False
                for e in events:
                    if "introduced" in e and (e["introduced"] == "0" or v >= Version(e["introduced"])): state = True
                    elif "fixed" in e and v >= Version(e["fixed"]): state = False
                    elif "last_affected" in e and v > Version(e["last_affected"]): state = False
                hit = hit or state
            if hit:
                out.add(f"{name} {version} {r['key']}")
print(json.dumps(sorted(out)))
`;

function pypiExpected(packages: [string, string][], records: Osv[]): Set<string> {
  const input = JSON.stringify({ packages, records: records.map((r) => ({ ...r, key: keyOf(r) })) });
  return new Set(
    JSON.parse(
      execFileSync('python3', ['-c', PYTHON_ORACLE], { input, maxBuffer: 64 * 1024 * 1024 }).toString(),
    ) as string[],
  );
}

let t: TestDb;
let sbom: Sbom;
beforeAll(async () => {
  t = await buildFeedDb(['ghsa-osv', 'pypa-osv', 'nvd']);
  sbom = await generateSbom(fixture('app.docker.tar'));
});
afterAll(() => t?.close());

const packagesOf = (type: string): [string, string][] =>
  sbom.packages.filter((p) => p.type === type).map((p) => [p.name, p.version]);

describe('language findings of the app fixture image equal an independent computation', () => {
  it('npm: GitHub advisories decided by semver.satisfies', async () => {
    // Every package, owned by a deb or not: this checks version decisions (ownership: e2e-os-owned.test.ts).
    const findings = (await matchSbom(sbom, t.db, { includeOsOwned: true })).filter((f) => f.package.type === 'npm');
    const actual = new Set(
      findings.map(
        (f) => `${f.package.name} ${f.package.version} ${f.vulnId}${f.fixedVersion ? ` fixed ${f.fixedVersion}` : ''}`,
      ),
    );
    const expected = npmExpected(packagesOf('npm'), ghsaRecords());
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('PyPI: PyPA advisories decided by packaging.version', async () => {
    const findings = (await matchSbom(sbom, t.db, { includeOsOwned: true })).filter((f) => f.package.type === 'pypi');
    const actual = new Set(findings.map((f) => `${f.package.name} ${f.package.version} ${f.vulnId}`));
    const expected = pypiExpected(packagesOf('pypi'), await pypaRecords());
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(0);
  });
});
