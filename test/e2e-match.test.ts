/**
 * End to end: real images, a database built from ../shared/feeds with the real importers
 * and builder, matched by `matchSbom` — compared with an independent computation that
 * reads the same Debian feed files itself and decides every (package, vulnerability) with
 * `dpkg --compare-versions`, for every package of each image's truth file. The sets must
 * be equal: DSA-fixed CVEs, fixes inherited from unstable, <not-affected>, <ignored>,
 * <no-dsa> and unfixed entries all go through both sides.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchSbom } from '../src/match/index.js';
import { buildFeedDb, FEEDS, type TestDb } from '../src/match/testdata/feed-db.js';
import { generateSbom } from '../src/services/sbom.js';
import { fixtures, shared, truthRows } from './support/fixtures.js';

// ---- the independent side: tracker semantics, read straight from the feed files ----

interface Statement {
  kind: string;
  version?: string;
  /** Taken from unstable because the release has no line of its own. */
  inherited?: boolean;
}
interface Line extends Statement {
  release?: string;
  pkg: string;
}
/** A vuln-list-debian tracker document (CVE/*.json, DSA/*.json), as far as this test reads it. */
interface TrackerDoc {
  Header: { ID: string; Original: string };
  Annotations?: Annotation[];
}
interface Annotation {
  Type: string;
  Kind: string;
  Version: string;
  Release?: string;
  Package: string;
  /** On xref annotations. */
  Bugs: string[];
}
interface Fix extends Line {
  date: string;
  number: number;
}

/** Releases that take unstable's line when the tracker has none of their own (the tracker annotates only supported releases). */
const INHERITS_UNSTABLE = ['bullseye', 'bookworm', 'trixie', 'forky'];

const listJson = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(dir, f))
    : [];

function vulnListData(): { cves: Map<string, Line[]>; fixes: Map<string, Fix[]> } {
  const root = path.join(FEEDS, 'debian-vuln-list-debian/tracker');
  const cves = new Map<string, Line[]>();
  const fixes = new Map<string, Fix[]>();
  const lineOf = (a: Annotation): Line => ({
    kind: a.Kind,
    version: a.Version,
    release: a.Release || undefined,
    pkg: a.Package,
  });
  for (const file of listJson(path.join(root, 'CVE'))) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as TrackerDoc;
    cves.set(doc.Header.ID, (doc.Annotations ?? []).filter((a) => a.Type === 'package').map(lineOf));
  }
  for (const file of listJson(path.join(root, 'DSA'))) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as TrackerDoc;
    const date = new Date(`${/^\[([^\]]+)\]/.exec(doc.Header.Original)![1]} UTC`).toISOString().slice(0, 10);
    const ids = (doc.Annotations ?? []).filter((a) => a.Type === 'xref').flatMap((a) => a.Bugs);
    for (const a of (doc.Annotations ?? []).filter((x) => x.Type === 'package' && x.Release)) {
      for (const id of ids.length > 0 ? ids : [doc.Header.ID])
        fixes.set(id, [...(fixes.get(id) ?? []), { ...lineOf(a), date, number: advisoryNumber(doc.Header.ID) }]);
    }
  }
  return { cves, fixes };
}

/** data/DSA/list and data/DLA/list of the tracker: `[date] DSA-n-m pkg - …`, `{CVE-…}`, `[release] - pkg version|<kind>`. */
function listFileFixes(): Map<string, Fix[]> {
  const fixes = new Map<string, Fix[]>();
  for (const kind of ['DSA', 'DLA']) {
    const file = path.join(FEEDS, `debian-security-tracker-lists/data/${kind}/list`);
    let current: { id: string; date: string; cves: string[] } | undefined;
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      const head = /^\[(\d\d \w{3} \d{4})\] (D[SL]A-\d+-\d+) /.exec(text);
      if (head) current = { id: head[2], date: new Date(`${head[1]} UTC`).toISOString().slice(0, 10), cves: [] };
      const refs = /^\s+\{(.*)\}/.exec(text);
      if (refs && current) current.cves.push(...refs[1].split(/\s+/).filter((x) => x.startsWith('CVE-')));
      const line = /^\s+\[(\w+)\] - (\S+) (?:<([a-z-]+)>|(\S+))/.exec(text);
      if (line && current) {
        const fix: Fix = {
          release: line[1],
          pkg: line[2],
          kind: line[3] ?? 'fixed',
          version: line[4],
          date: current.date,
          number: advisoryNumber(current.id),
        };
        for (const id of current.cves.length > 0 ? current.cves : [current.id])
          fixes.set(id, [...(fixes.get(id) ?? []), fix]);
      }
    }
  }
  return fixes;
}

function advisoryNumber(id: string): number {
  const m = /-(\d+)-(\d+)$/.exec(id)!;
  return Number(m[1]) + Number(m[2]) / 1000;
}

/** What the tracker says for one package, vulnerability and release: its own line, a DSA/DLA fix, or unstable's line. */
function statement(release: string, pkg: string, lines: Line[], fixes: Fix[]): Statement | undefined {
  const mine = lines.filter((l) => l.pkg === pkg && l.release !== 'experimental' && l.kind !== 'itp');
  const explicit = mine.find((l) => l.release === release);
  const fix = fixes
    .filter((f) => f.pkg === pkg && f.release === release)
    .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
    .at(-1);
  if (explicit && fix)
    return fix.kind === 'fixed' && !['fixed', 'not-affected'].includes(explicit.kind) ? fix : explicit;
  if (explicit ?? fix) return explicit ?? fix;
  const unstable = mine.find((l) => !l.release);
  if (!unstable || !INHERITS_UNSTABLE.includes(release)) return undefined;
  // Unstable's fix is not a fix in the release: the release stays open below that version.
  return unstable.kind === 'removed' ? { kind: 'unfixed' } : { ...unstable, inherited: true };
}

const dpkgCache = new Map<string, boolean>();
function dpkgLessThan(a: string, b: string): boolean {
  const key = `${a} ${b}`;
  if (!dpkgCache.has(key)) {
    let lt = true;
    try {
      execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
    } catch {
      lt = false;
    }
    dpkgCache.set(key, lt);
  }
  return dpkgCache.get(key)!;
}

/** `binary version vuln verdict` for every affected (package, vulnerability) of a truth file. */
function expectedFindings(
  truthFile: string,
  release: string,
): { findings: Set<string>; considered: Map<string, string> } {
  const vulnList = vulnListData();
  const listFixes = listFileFixes();
  const trackerJson = JSON.parse(readFileSync(path.join(FEEDS, 'debian-tracker-json-excerpt/debian.json'), 'utf8'));
  const findings = new Set<string>();
  const considered = new Map<string, string>();
  for (const [binary, version, source, sourceVersion] of truthRows(truthFile)) {
    const ids = new Set([
      ...vulnList.cves.keys(),
      ...vulnList.fixes.keys(),
      ...listFixes.keys(),
      ...Object.keys(trackerJson[source] ?? {}),
    ]);
    for (const id of ids) {
      // Preference as the database keeps it (src/feeds/registry.ts): the tracker JSON, then vuln-list, then the list files.
      const fromJson = trackerJson[source]?.[id]?.releases?.[release];
      const json: Statement | undefined =
        fromJson &&
        (fromJson.status === 'resolved' ? { kind: 'fixed', version: fromJson.fixed_version } : { kind: 'unfixed' });
      const said =
        json ??
        statement(release, source, vulnList.cves.get(id) ?? [], vulnList.fixes.get(id) ?? []) ??
        statement(release, source, [], listFixes.get(id) ?? []);
      if (!said) continue;
      let verdict: string | undefined;
      if (said.kind === 'fixed' && said.inherited)
        verdict = dpkgLessThan(sourceVersion, said.version!) ? 'open' : undefined;
      else if (said.kind === 'fixed')
        verdict =
          said.version !== '0' && dpkgLessThan(sourceVersion, said.version!) ? `fixed ${said.version}` : undefined;
      else if (said.kind === 'not-affected') verdict = undefined;
      else verdict = said.kind === 'ignored' ? 'will_not_fix' : 'open';
      considered.set(
        `${source} ${id}`,
        verdict ?? `not affected (${said.kind}${said.version ? ` ${said.version}` : ''})`,
      );
      if (verdict) findings.add(`${binary} ${version} ${id} ${verdict}`);
    }
  }
  return { findings, considered };
}

// ---- the product side ----

let t: TestDb;
beforeAll(async () => {
  t = await buildFeedDb();
});
afterAll(() => t?.close());

/** The Debian findings of an image (language packages are checked elsewhere: the computation here is the tracker's). */
async function actualFindings(image: string): Promise<Set<string>> {
  const sbom = await generateSbom(image);
  const findings = (await matchSbom(sbom, t.db)).filter((f) => f.package.type === 'deb');
  const verdict = (s: string, fixed?: string) =>
    s === 'fixed' ? `fixed ${fixed}` : s === 'will_not_fix' ? 'will_not_fix' : 'open';
  return new Set(
    findings.map((f) => `${f.package.name} ${f.package.version} ${f.vulnId} ${verdict(f.status, f.fixedVersion)}`),
  );
}

describe('findings on real images equal an independent computation from the same feeds', () => {
  it('debian-bookworm-minbase.oci.tar (../shared/images)', async () => {
    const truth = path.join(shared, 'images/debian-bookworm-minbase.truth/dpkg.tsv');
    const expected = expectedFindings(truth, 'bookworm');
    expect(await actualFindings(path.join(shared, 'images/debian-bookworm-minbase.oci.tar'))).toEqual(
      expected.findings,
    );

    // The computation went through every kind of statement the issue names:
    expect(expected.considered.get('glibc CVE-2023-4911')).toBe('not affected (fixed 2.36-9+deb12u3)'); // DSA-5514-1, older than the image's glibc
    expect(expected.considered.get('glibc CVE-2024-2961')).toBe('not affected (fixed 2.36-9+deb12u6)'); // DSA-5673-1
    expect(expected.considered.get('xz-utils CVE-2024-3094')).toBe('not affected (not-affected)'); // [bookworm] <not-affected>, sid fixed
    expect(expected.considered.get('zlib CVE-2023-45853')).toBe('open'); // only sid has the fix (above the image's zlib): open in bookworm
    expect(expected.considered.get('coreutils CVE-2016-2781')).toBe('will_not_fix'); // [bookworm] <ignored>
    expect(expected.considered.get('pam CVE-2024-22365')).toBe('open'); // [bookworm] <no-dsa>
    expect(expected.considered.get('bash CVE-2022-3715')).toBe('not affected (fixed 5.2-1)'); // compared with source 5.2.15-2, not binNMU 5.2.15-2+b13
    expect(expected.findings.size).toBeGreaterThan(20);
  });

  // Fixture images of other releases and sizes, built by ../shared/tools/make-fixture-images.sh.
  for (const [file, truth, release] of [
    ['base.docker.tar', 'base', 'bookworm'],
    ['app.docker.tar', 'app', 'bookworm'],
    ['base-bullseye.oci.tar', 'base-bullseye', 'bullseye'],
    ['base-trixie.oci.tar', 'base-trixie', 'trixie'],
  ]) {
    it(`${file} (${release}, fixture image)`, async () => {
      const image = path.join(fixtures, file);
      if (!existsSync(image))
        throw new Error(`${image} is missing: run scripts/ensure-fixtures (npm test does) to build the fixture images`);
      const expected = expectedFindings(path.join(fixtures, `${truth}.truth/dpkg.tsv`), release);
      expect(await actualFindings(image)).toEqual(expected.findings);
    });
  }
});
