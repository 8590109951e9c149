/**
 * CycloneDX VEX and SARIF say what is known (issue 12), end to end on the real Debian
 * bookworm image and a database of real feeds (Debian tracker, NVD, KEV, EPSS), with a
 * user's OpenVEX document: analysis states and responses, each rating's own severity,
 * SARIF security-severity in the chosen band, suppressed findings kept and marked. Both
 * outputs are checked against the official schemas vendored in node_modules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { cycloneDxValidator } from '../src/report/sbom/testdata/schemas.js';
import { shared } from './support/fixtures.js';
import { run } from './support/run-command.js';

const IMAGE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
let t: TestDb;
let dir: string;
let vexFile: string;

interface Json {
  [k: string]: any;
}

beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss']);
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-vex-formats-'));
  const report = JSON.parse((await run(Cves, [IMAGE, '--db', t.file, '--format', 'json'])).stdout);
  const purl = (id: string) => report.findings.find((f: Json) => f.vulnId === id).package.purl;
  vexFile = path.join(dir, 'triage.openvex.json');
  const statement = (id: string, extra: Json) => ({
    vulnerability: { name: id },
    products: [{ '@id': purl(id) }],
    timestamp: '2026-11-30T10:00:00Z',
    ...extra,
  });
  writeFileSync(
    vexFile,
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.invalid/vex/bookworm-triage',
      author: 'security@example.invalid',
      timestamp: '2026-11-30T10:00:00Z',
      version: 1,
      statements: [
        statement('CVE-2023-45853', {
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'minizip is not used',
        }),
        statement('CVE-2011-3374', { status: 'affected', action_statement: 'use signed-by sources only' }),
      ],
    }),
  );
}, 180_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = 0;
});

function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = path.join(
    path.dirname(require.resolve('@microsoft/sarif-multitool-ts')),
    '..',
    'assets',
    'sarif-2.1.0.schema.json',
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schema, 'utf8')));
}

describe('CycloneDX VEX', () => {
  it('maps states, responses, justifications and per-source severities; keeps the suppressed finding', async () => {
    const out = await run(Cves, [IMAGE, '--db', t.file, '--vex', vexFile, '--format', 'cyclonedx']);
    expect(out.code).toBe(0);
    const bom = JSON.parse(out.stdout);
    const validate = cycloneDxValidator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const vuln = (id: string) => bom.vulnerabilities.filter((v: Json) => v.id === id);
    // Suppressed by the user's OpenVEX: still there, as not_affected with CycloneDX's justification.
    const [zlib] = vuln('CVE-2023-45853');
    expect(zlib.analysis).toEqual({
      state: 'not_affected',
      justification: 'code_not_reachable',
      detail: 'VEX not_affected: minizip is not used',
      lastUpdated: '2026-11-30T10:00:00Z',
    });
    expect(zlib.affects[0].versions).toEqual([{ version: '1:1.2.13.dfsg-1', status: 'unaffected' }]);
    // Debian's "ignored: Minor issue": the distro's decision, LOW; NVD's own 6.5 stays medium in NVD's rating.
    const [coreutils] = vuln('CVE-2016-2781');
    expect(coreutils.analysis).toEqual({
      state: 'exploitable',
      response: ['will_not_fix'],
      detail: 'ignored: Minor issue',
    });
    expect(coreutils.ratings).toEqual([
      { source: { name: 'debian' }, severity: 'low', method: 'other' },
      {
        source: { name: 'nvd' },
        score: 6.5,
        severity: 'medium',
        method: 'CVSSv3',
        vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N',
      },
    ]);
    // The user's "affected" decision makes it exploitable, with the action taken.
    expect(vuln('CVE-2011-3374')[0].analysis).toEqual({
      state: 'exploitable',
      detail: 'VEX affected: use signed-by sources only; no fix yet',
      lastUpdated: '2026-11-30T10:00:00Z',
    });
    // A match nobody decided on: in triage, never exploitable by default.
    expect(vuln('CVE-2023-4641')[0].analysis).toEqual({ state: 'in_triage', detail: 'no-dsa: Minor issue' });
    const states = new Set(bom.vulnerabilities.map((v: Json) => v.analysis.state));
    expect([...states].sort()).toEqual(['exploitable', 'in_triage', 'not_affected']);
  });
});

describe('SARIF', () => {
  it('security-severity and level agree with the chosen band; suppressed findings carry suppressions', async () => {
    const out = await run(Cves, [IMAGE, '--db', t.file, '--vex', vexFile, '--format', 'sarif']);
    expect(out.code).toBe(0);
    const log = JSON.parse(out.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run0 = log.runs[0];
    const rule = (id: string) => run0.tool.driver.rules.find((r: Json) => r.id === id);
    const result = (id: string) => run0.results.find((r: Json) => r.ruleId === id);
    // LOW (Debian) shown with NVD's 6.5: code scanning must see a low score, not 6.5 (medium).
    expect(rule('CVE-2016-2781').properties['security-severity']).toBe('2.0');
    expect(rule('CVE-2016-2781').defaultConfiguration).toEqual({ level: 'note' });
    expect(result('CVE-2016-2781').level).toBe('note');
    // HIGH with CISA ADP's 8.8 inside the band: the score itself.
    expect(rule('CVE-2023-45853').properties['security-severity']).toBe('8.8');
    expect(result('CVE-2023-45853').level).toBe('error');
    expect(result('CVE-2023-45853').suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'suppressed (not_affected: vulnerable_code_not_in_execute_path): minizip is not used',
      },
    ]);
    // Only the suppressed finding is suppressed; "affected" is not.
    expect(run0.results.filter((r: Json) => r.suppressions).map((r: Json) => r.ruleId)).toEqual(['CVE-2023-45853']);
    for (const r of run0.tool.driver.rules) {
      const score = Number(r.properties['security-severity']);
      const band = r.properties.tags[2];
      const [min, max] = { CRITICAL: [9, 10], HIGH: [7, 8.9], MEDIUM: [4, 6.9], LOW: [0.1, 3.9], UNSPECIFIED: [0, 0] }[
        band as 'LOW'
      ]!;
      expect(score >= min && score <= max, `${r.id} ${band} ${score}`).toBe(true);
    }
  });
});

describe('SPDX', () => {
  it('each package keeps the layer it came from, as the SBOM says, so a base split can be checked', async () => {
    const image = '/tmp/fixtures/app.docker.tar';
    const spdx = JSON.parse((await run(Cves, [image, '--db', t.file, '--format', 'spdx'])).stdout);
    const report = JSON.parse((await run(Cves, [image, '--db', t.file, '--format', 'json'])).stdout);
    // The same purl found in two layers is one SPDX package: the first found, as the report lists them.
    const layerOf = new Map<string, string>();
    for (const p of report.packages) if (!layerOf.has(p.purl)) layerOf.set(p.purl, p.introducedByLayer);
    const packages = spdx.packages.filter((p: Json) => p.SPDXID !== 'SPDXRef-Image');
    expect(packages.length).toBeGreaterThan(500);
    const layers = new Set<string>();
    for (const p of packages) {
      const purl = p.externalRefs[0].referenceLocator;
      const layer = layerOf.get(purl)!;
      expect(layer, purl).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(p.sourceInfo).toBe(`introduced by image layer ${layer}`);
      expect(p.annotations.map((a: Json) => a.comment)).toEqual([`airlock:package:introducedByLayer=${layer}`]);
      layers.add(layer);
    }
    // The app image stacks its own layers on a Debian base: packages come from several layers.
    expect(layers.size).toBeGreaterThan(1);
  });
});
