/**
 * `cves` and `quickview` honour OpenVEX documents, run in-process as a user calls them on
 * the real minbase image and a database built from ../shared/feeds: the default document
 * beside the snapshot store, --vex FILE, --show-suppressed, expired statements, statements
 * about another image, and bad or missing files as one-line errors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Cves from '../src/commands/cves.js';
import Quickview from '../src/commands/quickview.js';
import type { TestDb } from '../src/match/testdata/feed-db.js';
import { imagePurl } from '../src/vex/product.js';
import { recordStatements, triageStatement, type TriageDecision } from '../src/vex/author.js';
import { generateSbom } from '../src/services/sbom.js';
import type { ImageMeta } from '../src/sbom/model.js';
import { IMAGE, reviewDb, tempDir } from './tui/support.js';
import { run } from './support/run-command.js';

let db: TestDb;
let home: ReturnType<typeof tempDir>;
let image: ImageMeta;
const ZLIB = 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib';
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  db = await reviewDb();
  home = tempDir('airlock-vex-cli-');
  process.env.AIRLOCK_HOME = home.dir;
  image = (await generateSbom(IMAGE)).image;
});
afterAll(async () => {
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  await db?.close();
  home?.remove();
});
afterEach(() => {
  process.exitCode = 0;
  vi.restoreAllMocks();
});

/** Writes a VEX document of one statement per decision, about the zlib1g finding unless said. */
function vexFile(
  name: string,
  decisions: (TriageDecision & { vulnId?: string; purls?: string[]; product?: string; at?: string })[],
): string {
  const file = path.join(home.dir, name);
  const statements = decisions.map((d) => {
    const s = triageStatement(
      { vulnId: d.vulnId ?? 'CVE-2023-45853', aliases: [], packagePurls: d.purls ?? [ZLIB] },
      d.product ?? imagePurl(image),
      d,
      d.at ?? new Date().toISOString(),
    );
    return s;
  });
  writeFileSync(
    file,
    JSON.stringify(
      recordStatements(undefined, statements, {
        author: 'test',
        now: new Date().toISOString(),
        newId: 'urn:uuid:7',
        tooling: 'test',
      }),
    ),
  );
  return file;
}

const json = async (argv: string[]) =>
  JSON.parse((await run(Cves, [IMAGE, '--db', db.file, '--format', 'json', ...argv])).stdout);
const ids = (r: { findings: { vulnId: string }[] }) => r.findings.map((f) => f.vulnId);

describe('cves with VEX', () => {
  it('the default document in AIRLOCK_HOME applies without --vex', async () => {
    expect(ids(await json([]))).toContain('CVE-2023-45853');
    vexFile('vex.openvex.json', [{ status: 'not_affected', justification: 'vulnerable_code_not_present' }]);
    const report = await json([]);
    expect(ids(report)).not.toContain('CVE-2023-45853');
    expect(report.vex).toEqual({
      file: path.join(home.dir, 'vex.openvex.json'),
      statements: 1,
      expired: 0,
      suppressed: 1,
    });
  });

  it('the table says how many were suppressed; --show-suppressed lists them with the marker', async () => {
    const file = vexFile('fixed.json', [{ status: 'fixed', note: 'rebuilt with zlib 1.3' }]);
    const table = await run(Cves, [IMAGE, '--db', db.file, '--vex', file]);
    expect(table.stdout).toContain(
      `    1 finding suppressed by VEX statements in ${file} (--show-suppressed lists them)\n`,
    );
    expect(table.stdout).not.toContain('CVE-2023-45853');
    const listed = await run(Cves, [IMAGE, '--db', db.file, '--vex', file, '--show-suppressed']);
    expect(listed.stdout).toContain('## Suppressed by VEX');
    expect(listed.stdout).toContain(
      '    ~ HIGH CVE-2023-45853  zlib1g 1:1.2.13.dfsg-1  suppressed (fixed)\n        note: rebuilt with zlib 1.3\n',
    );
    const md = await run(Cves, [IMAGE, '--db', db.file, '--vex', file, '--show-suppressed', '--format', 'markdown']);
    expect(md.stdout).toContain(
      '- HIGH CVE-2023-45853  zlib1g 1:1.2.13.dfsg-1: suppressed (fixed) (rebuilt with zlib 1.3)',
    );
  });

  it("suppressed findings follow the report's filters; --exit-code counts only what is left", async () => {
    const file = vexFile('all-ncurses.json', [
      {
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        vulnId: 'CVE-2023-50495',
        purls: [],
      },
    ]);
    const all = await json(['--vex', file, '--show-suppressed']);
    expect(all.suppressed.map((f: { package: { name: string } }) => f.package.name).sort()).toEqual([
      'libtinfo6',
      'ncurses-base',
      'ncurses-bin',
    ]);
    const low = await json(['--vex', file, '--show-suppressed', '--only-severity', 'low']);
    expect(low.suppressed).toEqual([]);
    expect(low.vex.suppressed).toBe(0);
    const high = await run(Cves, [
      IMAGE,
      '--db',
      db.file,
      '--vex',
      vexFile('zlib.json', [{ status: 'not_affected', justification: 'component_not_present' }]),
      '--only-severity',
      'high',
      '--exit-code',
      '--format',
      'json',
    ]);
    expect(high.code).toBe(0);
  });

  it('affected and under_investigation do not suppress; a statement about another image does not apply', async () => {
    const file = vexFile('annotate.json', [
      { status: 'affected', note: 'upgrade pending' },
      { status: 'under_investigation', vulnId: 'CVE-2016-2781', purls: ['pkg:deb/debian/coreutils'] },
      {
        status: 'not_affected',
        justification: 'component_not_present',
        vulnId: 'CVE-2024-22365',
        purls: [],
        product: `pkg:oci/other@sha256:${'1'.repeat(64)}`,
      },
    ]);
    const report = await json(['--vex', file]);
    expect(ids(report)).toEqual(expect.arrayContaining(['CVE-2023-45853', 'CVE-2016-2781', 'CVE-2024-22365']));
    expect(report.vex.suppressed).toBe(0);
  });

  it('an expired statement is ignored, with a warning', async () => {
    const file = vexFile('expired.json', [
      {
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        expires: '2025-01-01T00:00:00.000Z',
        at: '2024-12-01T00:00:00.000Z',
      },
    ]);
    const result = await run(Cves, [IMAGE, '--db', db.file, '--vex', file, '--format', 'json']);
    expect(ids(JSON.parse(result.stdout))).toContain('CVE-2023-45853');
    expect(result.stderr).toContain(`warning: 1 VEX statement in ${file} expired and was ignored\n`);
  });

  it('a missing --vex file and a malformed one are one-line errors naming the file', async () => {
    const missing = path.join(home.dir, 'nope.json');
    const a = await run(Cves, [IMAGE, '--db', db.file, '--vex', missing]);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe(
      `error: no VEX document at ${missing}\nhint: record decisions with airlock review IMAGE --vex FILE, or pass an existing OpenVEX file or a directory of them\n`,
    );
    const bad = path.join(home.dir, 'bad.json');
    writeFileSync(
      bad,
      '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2023-45853"}, "status": "wontfix"}]}',
    );
    const b = await run(Cves, [IMAGE, '--db', db.file, '--vex', bad]);
    expect(b.code).toBe(1);
    expect(b.stderr).toBe(
      `error: ${bad}: statement 1: status "wontfix" is not one of not_affected, affected, fixed, under_investigation\n`,
    );
  });
});

describe('quickview with VEX', () => {
  it('counts after VEX, one line saying how many were suppressed, the counts of them with --show-suppressed', async () => {
    const file = vexFile('qv.json', [{ status: 'not_affected', justification: 'vulnerable_code_not_present' }]);
    const q = await run(Quickview, [IMAGE, '--db', db.file, '--vex', file]);
    const lines = q.stdout.split('\n');
    expect(lines[1]).toBe('  Your image  debian-bookworm-minbase.oci.tar   │    0C     0H     0M    10L     3U');
    // Below the rows (where the base and coverage lines also stand): one line, once.
    expect(
      lines.filter(
        (l) => l === `    1 finding suppressed by VEX statements in ${file} (--show-suppressed counts them)`,
      ),
    ).toHaveLength(1);
    const shown = await run(Quickview, [IMAGE, '--db', db.file, '--vex', file, '--show-suppressed']);
    expect(shown.stdout.split('\n')).toContain(
      '  Suppressed  by VEX                            │    0C     1H     0M     0L',
    );
  });
});
