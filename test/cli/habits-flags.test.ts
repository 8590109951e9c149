/**
 * Docker Scout's and Trivy's flag habits on the real Debian image and the app/base
 * fixtures, against a database built from ../shared/feeds: -e, --exit-code 1, quickview
 * and recommendations formats, sbom list, cves gitlab/--details/--epss, compare's
 * --exit-on and filters, VEX directories and authors, help and typos, progress on a TTY.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Compare from '../../src/commands/compare.js';
import Cves from '../../src/commands/cves.js';
import Quickview from '../../src/commands/quickview.js';
import Recommendations from '../../src/commands/recommendations.js';
import Sbom from '../../src/commands/sbom.js';
import { buildFeedDb, type TestDb } from '../../src/match/testdata/feed-db.js';
import { fixture, shared } from '../support/fixtures.js';
import { run } from '../support/run-command.js';
import { renderPackagesTable } from '../../src/report/vulns/packages-table.js';
import { PLAIN } from '../../src/report/vulns/style.js';

const IMAGE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
let t: TestDb;
let dir: string;
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss']);
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-habit-flags-'));
  process.env.AIRLOCK_HOME = path.join(dir, 'home'); // no default VEX document, no stored images
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
});

const airlock = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(process.cwd(), 'bin/run.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_DEBUG: '' },
  });
type Json = {
  findings: {
    vulnId: string;
    package: { name: string; purl: string };
    severity: { band: string };
    epss?: { epss: number };
  }[];
};
const cvesJson = async (...args: string[]): Promise<Json> =>
  JSON.parse((await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', ...args])).stdout);

describe('exit codes', () => {
  it('-e is --exit-code: 2 with high findings left, 0 with none', async () => {
    expect(
      (await run(Cves, [IMAGE, '--db', t.file, '-e', '--only-severity', 'critical,high', '--format', 'json'])).code,
    ).toBe(2);
    expect(
      (await run(Cves, [IMAGE, '--db', t.file, '-e', '--only-severity', 'critical', '--format', 'json'])).code,
    ).toBe(0);
  });

  it("--exit-code 1 (Trivy's habit) says the switch takes no value, and what it does", async () => {
    for (const args of [['--exit-code', '1'], ['--exit-code=1'], ['-e', '1']]) {
      const out = await run(Cves, [IMAGE, '--db', t.file, ...args]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        /(^|\n)error: (--exit-code 1|--exit-code=1|-e 1) takes no value\nhint: as in Docker Scout, --exit-code \(-e\) is a switch: the exit status is 2/,
      );
    }
  });
});

describe('quickview and recommendations formats', () => {
  it('qv is quickview; --format json carries the counts the text shows', () => {
    const json = airlock('qv', IMAGE, '--db', t.file, '--format', 'json');
    expect(json.status, json.stderr).toBe(0);
    const q = JSON.parse(json.stdout);
    expect(q.indexedPackages).toBe(88);
    const text = airlock('quickview', IMAGE, '--db', t.file);
    expect(text.stdout).toContain(`${q.image.counts.high}H`);
  });

  it('--format markdown -o FILE writes the table to the file and nothing to stdout', async () => {
    const out = path.join(dir, 'qv.md');
    const res = await run(Quickview, [IMAGE, '--db', t.file, '--format', 'markdown', '-o', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const md = readFileSync(out, 'utf8');
    const q = JSON.parse((await run(Quickview, [IMAGE, '--db', t.file, '--format', 'json'])).stdout);
    const c = q.image.counts;
    expect(md).toContain(
      `| Your image | \`${q.image.name}\` | ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.unspecified} |`,
    );
    expect(md).toContain('88 packages indexed');
  });

  it('recommendations --format json and markdown say why there is nothing to recommend without a catalog', async () => {
    const json = await run(Recommendations, [IMAGE, '--db', t.file, '--format', 'json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout);
    expect(r.candidates).toEqual([]);
    expect(typeof r.reason).toBe('string');
    const out = path.join(dir, 'rec.md');
    expect((await run(Recommendations, [IMAGE, '--db', t.file, '--format', 'markdown', '--output', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(r.reason.replace(/\|/g, '\\|'));
  });
});

describe('sbom list and --only-package-type', () => {
  it('--format list is the table; --only-package-type keeps only that type', async () => {
    const list = await run(Sbom, [IMAGE, '--format', 'list']);
    expect(list.stdout).toBe((await run(Sbom, [IMAGE, '--format', 'table'])).stdout);
    const debs = JSON.parse((await run(Sbom, [IMAGE, '--format', 'json', '--only-package-type', 'deb'])).stdout);
    expect(debs.packages).toHaveLength(88);
    const none = JSON.parse((await run(Sbom, [IMAGE, '--format', 'json', '--only-package-type', 'npm'])).stdout);
    expect(none.packages).toEqual([]);
    const bad = await run(Sbom, [IMAGE, '--only-package-type', 'debs']);
    expect(bad.stderr.split('\n')[0]).toBe('error: --only-package-type: unknown value "debs"');
  });
});

describe('cves formats', () => {
  /** The fields GitLab's container-scanning schema 15.x requires (no npm package ships the schema itself). */
  const gitlabShape = {
    type: 'object',
    required: ['version', 'scan', 'vulnerabilities'],
    properties: {
      version: { type: 'string', pattern: '^15\\.' },
      scan: {
        type: 'object',
        required: ['analyzer', 'scanner', 'type', 'start_time', 'end_time', 'status'],
        properties: {
          analyzer: { type: 'object', required: ['id', 'name', 'version', 'vendor'] },
          scanner: { type: 'object', required: ['id', 'name', 'version', 'vendor'] },
          type: { const: 'container_scanning' },
          start_time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' },
          end_time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' },
          status: { enum: ['success', 'failure'] },
        },
      },
      vulnerabilities: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'identifiers', 'location'],
          properties: {
            id: { type: 'string', minLength: 1 },
            severity: { enum: ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'] },
            identifiers: { type: 'array', minItems: 1, items: { type: 'object', required: ['type', 'name', 'value'] } },
            location: {
              type: 'object',
              required: ['dependency', 'operating_system', 'image'],
              properties: {
                dependency: {
                  type: 'object',
                  required: ['package', 'version'],
                  properties: { package: { type: 'object', required: ['name'] } },
                },
              },
            },
          },
        },
      },
    },
  };

  it('--format gitlab is a container-scanning report with every finding, in the schema 15.x shape', async () => {
    const out = path.join(dir, 'gl-container-scanning-report.json');
    expect((await run(Cves, [IMAGE, '--db', t.file, '--format', 'gitlab', '-o', out])).code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(gitlabShape);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const findings = (await cvesJson()).findings;
    expect(report.vulnerabilities).toHaveLength(findings.length);
    const zlib = report.vulnerabilities.find((v: { name: string }) => v.name === 'CVE-2023-45853 in zlib1g');
    const band = findings.find((f) => f.vulnId === 'CVE-2023-45853')!.severity.band;
    expect(zlib).toMatchObject({
      severity: band[0].toUpperCase() + band.slice(1),
      location: { operating_system: 'debian 12', dependency: { package: { name: 'zlib1g' } } },
    });
    expect(zlib.identifiers[0]).toMatchObject({ type: 'cve', value: 'CVE-2023-45853' });
    expect(new Set(report.vulnerabilities.map((v: { id: string }) => v.id)).size).toBe(findings.length); // ids are unique
  });

  it('--details adds the description and source of each vulnerability to the text', async () => {
    const plain = (await run(Cves, [IMAGE, '--db', t.file, '--only-cve-id', 'CVE-2023-45853'])).stdout;
    const detailed = (await run(Cves, [IMAGE, '--db', t.file, '--only-cve-id', 'CVE-2023-45853', '--details'])).stdout;
    expect(plain).not.toContain('Source');
    expect(detailed).toMatch(/MiniZip in zlib/);
    expect(detailed).toMatch(/Source\s+: \S+ \(debian:bookworm\)/);
  });

  it('--epss shows a score line on every vulnerability', async () => {
    const text = (await run(Cves, [IMAGE, '--db', t.file, '--epss'])).stdout;
    const blocks = text.split('\n').filter((l) => /^\s+✗ [A-Z]+ /.test(l)).length;
    expect(blocks).toBeGreaterThan(0);
    expect(text.split('\n').filter((l) => /^\s+EPSS\s+: /.test(l))).toHaveLength(blocks);
    // The EPSS excerpt in ../shared/feeds scores none of this image's CVEs: it says so.
    expect(text).toMatch(/EPSS\s+: not scored/);
  });

  it('--epss lists the most likely exploited package first', async () => {
    // The image's real findings, two of them given real EPSS rows of the 2024-10-25 excerpt
    // (CVE-1999-0005 0.91963 and the excerpt's last row), since it scores none of them.
    const report = JSON.parse((await run(Cves, [IMAGE, '--db', t.file, '--format', 'json'])).stdout);
    const rows = readFileSync(path.join(shared, 'feeds/epss/epss_scores-2024-10-25.excerpt.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.split(','));
    const [high, low] = [rows[0], rows[rows.length - 1]].map(([, epss, percentile]) => ({
      epss: Number(epss),
      percentile: Number(percentile),
      date: '2024-10-25',
    }));
    const byPackage = [
      ...new Map(report.findings.map((f: { package: { name: string } }) => [f.package.name, f])).values(),
    ] as { vulnId: string; epss?: object }[];
    const [first, last] = [byPackage[0], byPackage[byPackage.length - 1]];
    first.epss = low;
    last.epss = high;
    const lines = renderPackagesTable(report, PLAIN, { epss: true })
      .split('\n')
      .filter((l) => /^\s+✗ [A-Z]+ /.test(l));
    expect(lines[0]).toContain(last.vulnId);
    expect(lines[1]).toContain(first.vulnId);
  });
});

describe('compare', () => {
  it('--exit-on package: 2 when the app changed packages against its base, 0 against itself', async () => {
    const worse = await run(Compare, [
      fixture('app.docker.tar'),
      '--to',
      fixture('base.docker.tar'),
      '--db',
      t.file,
      '--exit-on',
      'package',
      '--format',
      'json',
    ]);
    expect(worse.code).toBe(2);
    expect(worse.stderr).toMatch(/got worse than .*base\.docker\.tar: \d+ package changes \(--exit-on\)/);
    const same = await run(Compare, [
      fixture('base.docker.tar'),
      '--to',
      fixture('base.docker.tar'),
      '--db',
      t.file,
      '-x',
      'package',
      '-x',
      'vulnerability',
      '--format',
      'json',
    ]);
    expect(same.code).toBe(0);
  }, 120_000);

  it('--only-severity and --only-package-type narrow both sides; --format markdown shows the change row', async () => {
    const all = JSON.parse(
      (await run(Compare, [IMAGE, '--to', fixture('base.docker.tar'), '--db', t.file, '--format', 'json'])).stdout,
    );
    const high = JSON.parse(
      (
        await run(Compare, [
          IMAGE,
          '--to',
          fixture('base.docker.tar'),
          '--db',
          t.file,
          '--format',
          'json',
          '--only-severity',
          'critical,high',
          '--only-package-type',
          'deb',
        ])
      ).stdout,
    );
    expect(high.image.counts.medium).toBe(0);
    expect(high.image.counts.critical + high.image.counts.high).toBe(all.image.counts.critical + all.image.counts.high);
    const md = (await run(Compare, [IMAGE, '--to', fixture('base.docker.tar'), '--db', t.file, '--format', 'markdown']))
      .stdout;
    expect(md).toContain('| Change |');
    expect(md).toMatch(/### New in `/);
  }, 120_000);

  it('--vex applies to both sides', async () => {
    const zlib = (await cvesJson('--only-cve-id', 'CVE-2023-45853')).findings[0];
    const vex = path.join(dir, 'compare.openvex.json');
    writeFileSync(
      vex,
      JSON.stringify(
        vexDoc('sec@example.com', [{ id: 'CVE-2023-45853', purl: zlib.package.purl, status: 'not_affected' }]),
      ),
    );
    const res = JSON.parse(
      (await run(Compare, [IMAGE, '--to', IMAGE, '--db', t.file, '--format', 'json', '--vex', vex])).stdout,
    );
    const plain = JSON.parse((await run(Compare, [IMAGE, '--to', IMAGE, '--db', t.file, '--format', 'json'])).stdout);
    const band = zlib.severity.band as 'high';
    expect(res.image.counts[band]).toBe(plain.image.counts[band] - 1);
    expect(res.other.counts[band]).toBe(plain.other.counts[band] - 1);
  }, 120_000);
});

function vexDoc(author: string, statements: { id: string; purl: string; status: string }[]) {
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': `https://example.com/vex/${author}`,
    author,
    timestamp: '2026-11-01T00:00:00Z',
    version: 1,
    statements: statements.map((s) => ({
      vulnerability: { name: s.id },
      products: [{ '@id': s.purl }],
      status: s.status,
      ...(s.status === 'not_affected' ? { justification: 'vulnerable_code_not_in_execute_path' } : {}),
    })),
  };
}

describe('VEX directories, authors and --only-vex-affected', () => {
  it('--vex DIR reads every document in it; --vex-author keeps only matching authors; --only-vex-affected leaves out under_investigation', async () => {
    const findings = (await cvesJson()).findings;
    // Vulnerabilities of one package each, so one statement about that package covers them.
    const [a, b, c] = findings.filter((f) => findings.filter((g) => g.vulnId === f.vulnId).length === 1);
    const vexDir = path.join(dir, 'vex');
    mkdirSync(path.join(vexDir, 'team'), { recursive: true });
    writeFileSync(
      path.join(vexDir, 'sec.openvex.json'),
      JSON.stringify(vexDoc('sec@example.com', [{ id: a.vulnId, purl: a.package.purl, status: 'not_affected' }])),
    );
    writeFileSync(
      path.join(vexDir, 'team/dev.json'),
      JSON.stringify(vexDoc('dev@other.example', [{ id: b.vulnId, purl: b.package.purl, status: 'fixed' }])),
    );
    writeFileSync(
      path.join(vexDir, 'team/open.json'),
      JSON.stringify(
        vexDoc('sec@example.com', [{ id: c.vulnId, purl: c.package.purl, status: 'under_investigation' }]),
      ),
    );
    writeFileSync(path.join(vexDir, 'notes.json'), '{"not": "vex"}');
    const has = (r: Json, id: string) => r.findings.some((f) => f.vulnId === id);

    const both = await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', '--vex', vexDir]);
    const r = JSON.parse(both.stdout) as Json;
    expect([has(r, a.vulnId), has(r, b.vulnId), has(r, c.vulnId)]).toEqual([false, false, true]);
    expect(both.stderr).toMatch(/VEX document left out: .*notes\.json: not an OpenVEX document/);

    const bySec = JSON.parse(
      (await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', '--vex', vexDir, '--vex-author', '*@example.com']))
        .stdout,
    ) as Json;
    expect([has(bySec, a.vulnId), has(bySec, b.vulnId)]).toEqual([false, true]);

    const affected = JSON.parse(
      (await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', '--vex', vexDir, '--only-vex-affected'])).stdout,
    ) as Json;
    expect(has(affected, c.vulnId)).toBe(false);

    // Repeated --vex (and Scout's --vex-location) joins the files given.
    const two = JSON.parse(
      (
        await run(Cves, [
          IMAGE,
          '--db',
          t.file,
          '--format',
          'json',
          '--vex',
          path.join(vexDir, 'sec.openvex.json'),
          '--vex-location',
          path.join(vexDir, 'team/dev.json'),
        ])
      ).stdout,
    ) as Json;
    expect([has(two, a.vulnId), has(two, b.vulnId)]).toEqual([false, false]);
  }, 120_000);

  it('--only-vex-affected with no document that applies is an error, not a silent full report', async () => {
    const out = await run(Quickview, [IMAGE, '--db', t.file, '--only-vex-affected']);
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe('error: --only-vex-affected: no VEX document applies');
  });
});

describe('oclif conventions', () => {
  it('airlock help cves lists the Scout flags; a typo names the closest command; autocomplete works offline', () => {
    const help = airlock('help', 'cves');
    expect(help.status).toBe(0);
    for (const flag of ['--exit-code', '--details', '--epss', '--vex-author', '--only-vex-affected', '--ref'])
      expect(help.stdout).toContain(flag);
    const typo = airlock('cvs', IMAGE);
    expect(typo.status).toBe(127);
    expect(typo.stderr).toBe(
      'error: cvs is not an airlock command; did you mean cves?\nhint: airlock help lists the commands\n',
    );
    expect(airlock('db', 'statu').stderr.split('\n')[0]).toBe(
      'error: db statu is not an airlock command; did you mean db status?',
    );
    const completion = airlock('autocomplete', 'bash');
    expect(completion.status, completion.stderr).toBe(0);
    expect(completion.stdout).toMatch(/airlock/);
  });
});

describe('progress', () => {
  it('on a terminal: bytes of the total, an ETA, then ✓ Read; through a pipe: nothing extra on stderr', () => {
    const cmd = `${process.execPath} bin/run.js sbom ${fixture('app.docker.tar')} --format json -o /dev/null`;
    if (spawnSync('script', ['--version']).status !== 0)
      throw new Error('script is missing: install the Debian package bsdutils');
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/⠿ Reading layer 1\/4 · [\d.]+ MB of [\d.]+ MB · ETA \d+s/);
    expect(tty.stdout).toMatch(/✓ Read 4 layers, [\d.]+ MB in [\d.]+s/);
    const piped = airlock('sbom', fixture('app.docker.tar'), '--format', 'json', '-o', '/dev/null');
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe('');
  }, 120_000);
});
