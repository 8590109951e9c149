/**
 * Every `cves` format, rendered from real matches: the real image in ../shared/images and
 * an application SBOM at versions GitHub's reviewed advisories cover. Tables and boxes
 * are compared with golden files; SARIF, CycloneDX and SPDX with their official schemas.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../match/testdata/feed-db.js';
import { compareResults } from '../../services/compare.js';
import type { MatchResult } from '../../services/match.js';
import { cycloneDxValidator, spdxProblems } from '../sbom/testdata/schemas.js';
import { renderCompare, renderQuickview, renderVulnReport, type VulnReport } from './index.js';
import { countGroups } from '../../findings/counts.js';
import { expectGolden, updatingGoldens } from './testdata/golden.js';
import { appResult, buildReport, goldenDb, NOW, realImageResult } from './testdata/reports.js';

const plain = { color: false };
let db: TestDb;
let image: MatchResult;
let app: MatchResult;
let report: VulnReport;
let appReport: VulnReport;

beforeAll(async () => {
  db = await goldenDb();
  image = await realImageResult(db);
  app = await appResult(db);
  report = buildReport(image, {}, NOW);
  appReport = buildReport(app, {}, NOW);
});
afterAll(() => db?.close());

describe('table outputs (golden files)', () => {
  it("quickview: Docker Scout's box, cells right-aligned", () => {
    const text = renderQuickview(
      {
        image: { name: report.image.name, counts: report.counts },
        indexedPackages: 88,
        database: report.database,
        warnings: [],
      },
      plain,
    );
    expectGolden('quickview.txt', text);
    expect(text.split('\n')[0]).toBe('    ✓ Indexed 88 packages · advisory database 2026-11-24 (seq 42, 0 days old)');
  });

  it('cells are laid out exactly as Docker Scout shows 17C 32H 35M 33L 2U (U only when nonzero)', () => {
    const text = renderQuickview(
      {
        image: { name: 'postgres:13.1', counts: { critical: 17, high: 32, medium: 35, low: 33, unspecified: 2 } },
        baseImage: {
          name: 'debian:buster-slim',
          counts: { critical: 9, high: 14, medium: 9, low: 23, unspecified: 0 },
        },
        indexedPackages: 187,
        database: report.database,
        warnings: [],
      },
      plain,
    );
    expect(text.split('\n').slice(1, 3)).toEqual([
      '  Your image  postgres:13.1        │   17C    32H    35M    33L     2U',
      '  Base image  debian:buster-slim   │    9C    14H     9M    23L',
    ]);
  });

  it('packages (default format) of the real image', () =>
    expectGolden('packages.txt', renderVulnReport(report, 'packages', plain)));
  it("packages with --locations: each installed package's file and layer", () => {
    const text = renderVulnReport(report, 'packages', plain, { locations: true });
    expectGolden('packages-locations.txt', text);
    // The eight util-linux binaries, each in the dpkg status file of the image's one layer.
    const layer = report.findings[0].package.locations[0].layerDiffId!.slice(0, 19);
    expect(text).toContain(`locations\n  bsdutils 1:2.38.1-5+deb12u3  /var/lib/dpkg/status · layer ${layer}\n`);
    expect(text.match(/^ {2}\S+ \S+ {2}\/var\/lib\/dpkg\/status · layer /gm)).toHaveLength(
      new Set(report.findings.map((f) => f.package.purl)).size,
    );
  });
  it('only-packages with --only-vuln-packages', () =>
    expectGolden(
      'only-packages.txt',
      renderVulnReport(buildReport(image, { onlyVulnPackages: true }, NOW), 'only-packages', plain),
    ));
  it('markdown', () => expectGolden('markdown.md', renderVulnReport(report, 'markdown', plain)));
  it('packages of application packages: GitHub severities, CISA KEV', () =>
    expectGolden('app-packages.txt', renderVulnReport(appReport, 'packages', plain)));

  it('compare: the image against itself without coreutils and zlib1g', () => {
    const without = (name: string) => image.sbom.packages.filter((p) => p.name !== name);
    const older: MatchResult = {
      ...image,
      sbom: { ...image.sbom, packages: without('coreutils').filter((p) => p.name !== 'zlib1g') },
      findings: image.findings.filter((f) => !['coreutils', 'zlib1g'].includes(f.package.name)),
    };
    const result = compareResults(image, older, { ignoreUnchanged: true });
    expect(result.packages.map((p) => `${p.kind} ${p.name}`)).toEqual(['added coreutils', 'added zlib1g']);
    expect(result.delta).toEqual({ critical: 0, high: 1, medium: 0, low: 1, unspecified: 0 });
    expectGolden('compare.txt', renderCompare(result, plain));
  });

  it('colors only when asked: ANSI in color mode, none in plain', () => {
    const q = {
      image: { name: 'x', counts: report.counts },
      indexedPackages: 1,
      database: report.database,
      warnings: [],
    };
    // eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
    expect(renderQuickview(q, { color: true })).toMatch(/\x1b\[/);
    // eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
    expect(renderVulnReport(report, 'packages', plain)).not.toMatch(/\x1b\[/);
  });

  it('UPDATE_GOLDEN is not left on in CI', () => {
    expect(updatingGoldens && !!process.env.CI).toBe(false);
  });
});

describe('filters', () => {
  it('--only-severity, --only-fixed, --only-unfixed, --only-cisa-kev, --only-package-type leave only what they name', () => {
    expect(buildReport(image, { onlySeverity: ['high'] }, NOW).findings.map((f) => f.vulnId)).toEqual([
      'CVE-2023-45853',
    ]);
    expect(buildReport(image, { onlyFixed: true }, NOW).findings.every((f) => f.status === 'fixed')).toBe(true);
    expect(buildReport(image, { onlyUnfixed: true }, NOW).findings.some((f) => f.status === 'fixed')).toBe(false);
    expect(buildReport(app, { onlyCisaKev: true }, NOW).findings.map((f) => f.vulnId)).toEqual(['CVE-2022-22965']);
    expect(buildReport(app, { onlyPackageType: ['npm'] }, NOW).findings.every((f) => f.package.type === 'npm')).toBe(
      true,
    );
    const fixed = buildReport(image, { onlyFixed: true }, NOW);
    const unfixed = buildReport(image, { onlyUnfixed: true }, NOW);
    expect(fixed.findings.length + unfixed.findings.length).toBe(report.findings.length);
    expect(countGroups(report.findings)).toEqual(report.counts);
  });
});

describe('machine formats', () => {
  it('SARIF 2.1.0 validates against the canonical schema (Microsoft SARIF SDK) with one rule per vulnerability', () => {
    const require = createRequire(import.meta.url);
    const schemaFile = path.join(
      path.dirname(require.resolve('@microsoft/sarif-multitool-ts')),
      '..',
      'assets',
      'sarif-2.1.0.schema.json',
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    for (const r of [report, appReport]) {
      const log = JSON.parse(renderVulnReport(r, 'sarif', plain));
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const run = log.runs[0];
      expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([
        ...new Set(r.findings.map((f) => f.vulnId)),
      ]);
      expect(run.results).toHaveLength(r.findings.length);
    }
    const run = JSON.parse(renderVulnReport(report, 'sarif', plain)).runs[0];
    const zlib = run.results.find((x: { ruleId: string }) => x.ruleId === 'CVE-2023-45853');
    expect(zlib.locations[0].physicalLocation.artifactLocation.uri).toBe('/var/lib/dpkg/status');
    expect(zlib.level).toBe('error');
    // A schema validator that accepts anything would pass the above: it must reject a broken log.
    expect(validate({ ...JSON.parse(renderVulnReport(report, 'sarif', plain)), version: '2.0.0' })).toBe(false);
  });

  it('CycloneDX 1.6 with vulnerabilities passes the official schema; affects point at components', () => {
    const validate = cycloneDxValidator();
    for (const r of [report, appReport]) {
      const bom = JSON.parse(renderVulnReport(r, 'cyclonedx', plain));
      expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const refs = new Set(bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']));
      for (const v of bom.vulnerabilities) for (const a of v.affects) expect(refs.has(a.ref)).toBe(true);
    }
    const spring = JSON.parse(renderVulnReport(appReport, 'cyclonedx', plain)).vulnerabilities.find(
      (v: { id: string }) => v.id === 'CVE-2022-22965',
    );
    expect(spring).toMatchObject({
      analysis: { state: 'in_triage', response: ['update'] },
      ratings: [
        { source: { name: 'ghsa' }, severity: 'critical' },
        { score: 9.8, method: 'CVSSv31' },
      ],
    });
  });

  it('SPDX 2.3 with security external references per vulnerable package', () => {
    const doc = JSON.parse(renderVulnReport(report, 'spdx', plain));
    expect(spdxProblems(doc)).toEqual([]);
    const zlib = doc.packages.find((p: { name: string }) => p.name === 'zlib1g');
    expect(zlib.externalRefs).toContainEqual({
      referenceCategory: 'SECURITY',
      referenceType: 'advisory',
      referenceLocator: 'https://security-tracker.debian.org/tracker/CVE-2023-45853',
      comment: 'CVE-2023-45853 HIGH, CVSS 8.8 from CISA ADP',
    });
  });

  it('JSON is the report itself, and JSON.md documents every top-level and finding field', () => {
    const json = JSON.parse(renderVulnReport(report, 'json', plain));
    expect(json.database).toMatchObject({ sequence: 42, created: '2026-11-24T06:00:00Z', ageDays: 0 });
    const doc = readFileSync(path.join(import.meta.dirname, 'JSON.md'), 'utf8');
    const finding = report.findings[0];
    for (const key of [
      ...Object.keys(json),
      ...Object.keys(finding),
      ...Object.keys(finding.severity),
      ...Object.keys(json.database),
    ]) {
      expect(doc, `JSON.md does not mention ${key}`).toContain(`\`${key}\``);
    }
  });
});
