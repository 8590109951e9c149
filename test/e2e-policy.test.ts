/**
 * `airlock policy` end to end on the app fixture image (Debian bookworm with curl,
 * openssl, python, node and vendored jars) against a database built from all of
 * ../shared/feeds: the fixable-critical-or-high policy fails with exit 2 and names
 * exactly the findings `cves --only-fixed --only-severity critical,high` lists; VEX
 * not_affected decisions flip it; policy-file exceptions waive (until they expire); the
 * stored image's policy state is recorded at scan and re-evaluated like its counts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import Images from '../src/commands/images/index.js';
import Policy from '../src/commands/policy.js';
import Scan from '../src/commands/scan.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { reevaluateAfterDatabaseChange } from '../src/services/images.js';
import { recordStatements, triageStatement } from '../src/vex/author.js';
import { imagePurl } from '../src/vex/product.js';
import { generateSbom } from '../src/services/sbom.js';
import type { ImageMeta } from '../src/sbom/model.js';
import { fixture } from './support/fixtures.js';
import { run } from './support/run-command.js';
import { tempDir } from './tui/support.js';
import { buildkitSpdx, MINBASE, minbasePackages } from './store/support/buildkit-spdx.js';
import { buildxOciArchive } from './store/support/buildx-layout.js';

let db: TestDb;
let home: ReturnType<typeof tempDir>;
let app: string;
let meta: ImageMeta;
const savedHome = process.env.AIRLOCK_HOME;

beforeAll(async () => {
  app = fixture('app.docker.tar');
  db = await buildFeedDb(undefined, {
    sequence: 7,
    created: new Date().toISOString(),
    expires: new Date(Date.now() + 864e5 * 30).toISOString(),
    signerKeyId: 'test',
    formatVersion: 1,
    schemaVersion: 1,
  });
  home = tempDir('airlock-policy-e2e-');
  process.env.AIRLOCK_HOME = home.dir;
  meta = (await generateSbom(app)).image;
}, 300_000);
afterAll(async () => {
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  await db?.close();
  home?.remove();
});

interface Item {
  vulnId?: string;
  purl?: string;
  waived?: unknown;
  text: string;
}
interface Result {
  id: string;
  status: string;
  items: Item[];
  summary: string;
}
const policyJson = async (argv: string[] = []) =>
  JSON.parse((await run(Policy, [app, '--db', db.file, '--format', 'json', ...argv])).stdout) as {
    results: Result[];
    failed: number;
  };
const result = (r: { results: Result[] }, id: string) => r.results.find((x) => x.id === id)!;
const key = (x: { vulnId?: string; purl?: string }) => `${x.vulnId} ${x.purl}`;

function writeVex(name: string, findings: { vulnId: string; purl: string }[]): string {
  const file = path.join(home.dir, name);
  const at = new Date().toISOString();
  const statements = findings.map((f) =>
    triageStatement(
      { vulnId: f.vulnId, aliases: [], packagePurls: [f.purl] },
      imagePurl(meta),
      { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
      at,
    ),
  );
  writeFileSync(
    file,
    JSON.stringify(
      recordStatements(undefined, statements, {
        author: 'test',
        now: at,
        newId: 'urn:uuid:policy-e2e',
        tooling: 'test',
      }),
    ),
  );
  return file;
}

describe('airlock policy on the app image', () => {
  let fixable: { vulnId: string; purl: string; band: string }[];

  it('fails "no fixable critical or high" with exit 2, naming exactly the findings cves lists as fixable critical/high', async () => {
    const cves = JSON.parse(
      (await run(Cves, [app, '--db', db.file, '--format', 'json', '--only-fixed', '--only-severity', 'critical,high']))
        .stdout,
    );
    fixable = cves.findings.map((f: any) => ({ vulnId: f.vulnId, purl: f.package.purl, band: f.severity.band }));
    expect(fixable.length).toBeGreaterThan(0);
    const out = await run(Policy, [app, '--db', db.file, '--exit-code']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/\d+ polic(y|ies) failed: No fixable critical or high vulnerabilities/);
    expect(out.stdout).toMatch(/✗ FAILED\s+No fixable critical or high vulnerabilities/);
    const first = fixable.find((f) => f.band === 'critical') ?? fixable[0];
    expect(out.stdout).toContain(first.vulnId);
    const report = await policyJson();
    const policy = result(report, 'no-fixable-critical-high');
    expect(policy.status).toBe('fail');
    expect(policy.items.map(key).sort()).toEqual(fixable.map(key).sort());
    // The app image runs as root and carries no attestations: facts, not guesses.
    expect(result(report, 'default-non-root-user')).toMatchObject({
      status: 'fail',
      summary: 'the default user is root (config User "")',
    });
    expect(result(report, 'supply-chain-attestations').status).toBe('fail');
    expect(result(report, 'up-to-date-base-image').status).toBe('unknown');
  });

  it('VEX not_affected decisions flip it: all of them pass it, all but one leave that one', async () => {
    const all = writeVex('all.json', fixable);
    const passed = await run(Policy, [app, '--db', db.file, '--vex', all, '--exit-code', '--format', 'json']);
    const report = JSON.parse(passed.stdout);
    expect(result(report, 'no-fixable-critical-high')).toMatchObject({ status: 'pass', items: [] });
    expect(report.vex.suppressed).toBeGreaterThanOrEqual(fixable.length);
    const [kept, ...rest] = fixable;
    const partial = await policyJson(['--vex', writeVex('partial.json', rest)]);
    const left = result(partial, 'no-fixable-critical-high');
    expect(left.status).toBe('fail');
    expect(left.items.map(key)).toEqual([key(kept)]);
  });

  it('policy-file exceptions waive findings until they expire; the exit code follows', async () => {
    const entries = fixable.map(
      (f) =>
        `  - { vulnerability: ${f.vulnId}, package: "${f.purl.split('@')[0]}", reason: accepted risk, expires: 2999-01-01 }`,
    );
    const file = path.join(home.dir, 'waive.yaml');
    writeFileSync(
      file,
      [
        'policies:',
        '  default-non-root-user: { enabled: false }',
        '  supply-chain-attestations: { enabled: false }',
        '  no-high-profile-vulnerabilities: { enabled: false }',
        'exceptions:',
        ...entries,
      ].join('\n'),
    );
    const out = await run(Policy, [app, '--db', db.file, '--policy', file, '--exit-code', '--format', 'json']);
    const report = JSON.parse(out.stdout);
    const policy = result(report, 'no-fixable-critical-high');
    expect(policy.status).toBe('pass');
    expect(policy.items.length).toBe(fixable.length);
    expect(policy.items.every((i: Item) => i.waived)).toBe(true);
    expect(report.disabled).toEqual([
      'no-high-profile-vulnerabilities',
      'default-non-root-user',
      'supply-chain-attestations',
    ]);
    expect(out.code).toBe(0);
    writeFileSync(file, ['exceptions:', ...entries.map((e) => e.replace('2999-01-01', '2020-01-01'))].join('\n'));
    const expired = await run(Policy, [app, '--db', db.file, '--policy', file, '--format', 'json']);
    expect(result(JSON.parse(expired.stdout), 'no-fixable-critical-high').status).toBe('fail');
    expect(expired.stderr).toContain('expired on 2020-01-01 and was ignored');
  });

  it('a policy file with an unknown key is one line naming the file and the key', async () => {
    const file = path.join(home.dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ policies: { 'no-copyleft-licenses': { license: ['GPL-3.0'] } } }));
    const out = await run(Policy, [app, '--db', db.file, '--policy', file]);
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe(
      `error: ${file}: policies.no-copyleft-licenses: unknown key "license" (known: enabled, licenses)`,
    );
  });

  it('copyleft: GPL-3.0 in the policy file finds the GPL-3 packages the SBOM has licenses for', async () => {
    const file = path.join(home.dir, 'gpl.yaml');
    writeFileSync(file, 'policies:\n  no-copyleft-licenses: { licenses: [GPL-3.0] }\n');
    const copyleft = result(await policyJson(['--policy', file]), 'no-copyleft-licenses');
    expect(copyleft.status).toBe('fail');
    expect(copyleft.items.some((i) => /^bash .* \(deb\) is licensed GPL-3\+$/.test(i.text))).toBe(true);
    expect(result(await policyJson(), 'no-copyleft-licenses').items.every((i) => /AGPL/i.test(i.text))).toBe(true);
  });

  it('stored: scan records the policy state, images shows it, re-evaluation with a VEX document updates it', async () => {
    const scan = await run(Scan, [app, '--db', db.file, '--name', 'app:1.0']);
    expect(scan.code).toBe(0);
    const listed = JSON.parse((await run(Images, ['--json'])).stdout);
    const stored = listed.find((i: any) => i.names.includes('app:1.0'));
    expect(stored.policy.failed).toBeGreaterThan(0);
    expect(stored.policy.results.find((r: Result) => r.id === 'no-fixable-critical-high').status).toBe('fail');
    const table = (await run(Images, [])).stdout;
    expect(table.split('\n')[0]).toMatch(/SEQ\s+POLICY\s+NOTES/);
    expect(table).toMatch(new RegExp(`app:1\\.0 .* ${stored.policy.failed}/7 failed`));
    // The default VEX document beside the store now covers every fixable critical/high finding.
    writeVex('vex.openvex.json', fixable);
    const after = await reevaluateAfterDatabaseChange({ dbFile: db.file, trigger: 'db import' });
    expect(after.failure).toBeUndefined();
    const again = JSON.parse((await run(Images, ['--json'])).stdout).find((i: any) => i.names.includes('app:1.0'));
    expect(again.policy.results.find((r: Result) => r.id === 'no-fixable-critical-high').status).toBe('pass');
    expect(again.policy.failed).toBe(stored.policy.failed - 1);
    // A stored image evaluates like its tarball.
    const byName = JSON.parse((await run(Policy, ['app:1.0', '--db', db.file, '--format', 'json'])).stdout);
    expect(result(byName, 'no-fixable-critical-high').status).toBe('pass');
  });
});

describe('supply-chain attestations', () => {
  it('a buildx archive with SBOM and SLSA provenance attestations passes, from its attestation or its layers', async () => {
    const archive = path.join(home.dir, 'minbase-buildx.oci.tar');
    writeFileSync(
      archive,
      (
        await buildxOciArchive({
          image: MINBASE,
          spdx: buildkitSpdx(minbasePackages()),
          name: 'docker.io/library/minbase:1.0',
        })
      ).tar,
    );
    for (const extra of [[], ['--ignore-attestations']]) {
      const report = JSON.parse((await run(Policy, [archive, '--db', db.file, '--format', 'json', ...extra])).stdout);
      const att = result(report, 'supply-chain-attestations');
      expect(att.status, extra.join(' ')).toBe('pass');
      expect(att.items.map((i) => i.text)).toEqual([
        'attestation https://slsa.dev/provenance/v0.2',
        'attestation https://spdx.dev/Document',
      ]);
    }
    // Without provenance required, the classic docker save archive still fails: it has no SBOM attestation either.
    const file = path.join(home.dir, 'sbom-only.yaml');
    writeFileSync(file, 'policies:\n  supply-chain-attestations: { provenance: false }\n');
    expect(result(await policyJson(['--policy', file]), 'supply-chain-attestations').summary).toBe(
      'no SBOM attestation in the archive',
    );
  });
});
