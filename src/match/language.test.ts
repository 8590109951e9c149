/**
 * Language packages matched by OSV ranges, on tiny databases of real GHSA, PyPA and Go
 * vulnerability database records from ../shared/feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer as osv } from '../feeds/osv/index.js';
import { matchSbom } from './index.js';
import { pkg, sbomOf } from './testdata/sbom.js';
import type { TestDb } from './testdata/feed-db.js';
import { tinyDb } from './testdata/tiny-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await tinyDb([
    {
      importer: osv,
      path: 'ghsa-osv',
      ids: [
        'GHSA-c2qf-rxjj-qqgw', // npm semver: three ranges (<5.7.2, 6.0.0–6.3.1, 7.0.0–7.5.2), one per release line
        'GHSA-9wv6-86v2-598j', // npm path-to-regexp: five ranges, a fix per major line
        'GHSA-36p3-wjmg-h94x', // Maven spring-beans (Spring4Shell): `.RELEASE` versions and a 5.3.x range
      ],
    },
    {
      importer: osv,
      path: 'pypa-osv/pypa-advisories.zip',
      ids: [
        'PYSEC-2021-871', // distributed: two PYSEC records for one CVE (CVE-2021-42343) …
        'PYSEC-2021-872', // … that also share GHSA-hwqr-f3v9-hwxr: one finding, all ids as aliases
        'PYSEC-2018-49', // pyyaml fixed in 5.1: PyYAML 5.1 is past it
        'PYSEC-2020-96', // pyyaml 5.1 ≤ v < 5.3.1: PyYAML 5.1 is inside (the SBOM spells the name PyYAML)
        'PYSEC-2022-42969', // py: last_affected 1.11.0, no fixed version anywhere
      ],
    },
    {
      importer: osv,
      path: 'go-vulndb-osv/all.zip',
      ids: [
        'GO-2020-0014', // golang.org/x/net fixed at pseudo-version 0.0.0-20190125091013-d26f9f9a57f3
        'GO-2021-0078', // golang.org/x/net fixed at 0.0.0-20180816102801-aaf60122140d: equal to the installed one
        'GO-2021-0069', // stdlib: two ranges (1.14.0-0–1.14.12, 1.15.0-0–1.15.5), matched by toolchain version
      ],
    },
  ]);
});
afterAll(() => t?.close());

const summary = (f: { vulnId: string; status: string; fixedVersion?: string }) =>
  `${f.vulnId} ${f.status} ${f.fixedVersion ?? '-'}`;

describe('OSV language matching', () => {
  it.each([
    ['5.7.1', 'CVE-2022-25883 fixed 5.7.2'],
    ['6.3.0', 'CVE-2022-25883 fixed 6.3.1'],
    ['7.5.1', 'CVE-2022-25883 fixed 7.5.2'],
    ['7.5.2', undefined],
    ['7.6.0', undefined],
  ])('npm semver %s: the fix of its own release line', async (version, expected) => {
    const findings = await matchSbom(sbomOf([pkg('npm', 'semver', version)]), t.db);
    expect(findings.map(summary)).toEqual(expected ? [expected] : []);
    if (expected) expect(findings[0].aliases).toEqual(['GHSA-c2qf-rxjj-qqgw']);
  });

  it('npm path-to-regexp: 0.1.7 (Express 4) → 0.1.10, 6.2.1 → 6.3.0, 8.0.0 not affected', async () => {
    const sbom = sbomOf([
      pkg('npm', 'path-to-regexp', '0.1.7'),
      pkg('npm', 'path-to-regexp', '6.2.1'),
      pkg('npm', 'path-to-regexp', '8.0.0'),
    ]);
    const findings = await matchSbom(sbom, t.db);
    expect(findings.map((f) => `${f.package.version} ${summary(f)}`).sort()).toEqual([
      '0.1.7 CVE-2024-45296 fixed 0.1.10',
      '6.2.1 CVE-2024-45296 fixed 6.3.0',
    ]);
  });

  it('Maven by group:artifact from the purl, in Maven order (5.2.19.RELEASE < 5.2.20.RELEASE)', async () => {
    const beans = (v: string) =>
      pkg('maven', 'spring-beans', v, { purl: `pkg:maven/org.springframework/spring-beans@${v}` });
    const findings = await matchSbom(sbomOf([beans('5.2.19.RELEASE'), beans('5.3.17'), beans('5.3.18')]), t.db);
    expect(findings.map((f) => `${f.package.version} ${summary(f)}`).sort()).toEqual([
      '5.2.19.RELEASE CVE-2022-22965 fixed 5.2.20.RELEASE',
      '5.3.17 CVE-2022-22965 fixed 5.3.18',
    ]);
  });

  it('PyPI: one finding for two PYSEC records of one CVE, every id kept as alias', async () => {
    const findings = await matchSbom(sbomOf([pkg('pypi', 'distributed', '2021.9.1')]), t.db);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ vulnId: 'CVE-2021-42343', status: 'fixed', fixedVersion: '2021.10.0' });
    expect(findings[0].aliases).toEqual([
      'GHSA-hwqr-f3v9-hwxr',
      'GHSA-j8fq-86c5-5v2r',
      'PYSEC-2021-871',
      'PYSEC-2021-872',
    ]);
  });

  it('PyPI names are PEP 503-normalized: PyYAML 5.1 is in [5.1, 5.3.1) but past the 5.1 fix', async () => {
    const findings = await matchSbom(sbomOf([pkg('pypi', 'PyYAML', '5.1')]), t.db);
    expect(findings.map((f) => `${f.aliases.includes('PYSEC-2020-96')} ${f.status} ${f.fixedVersion}`)).toEqual([
      'true fixed 5.3.1',
    ]);
  });

  it('last_affected: py 1.11.0 is affected with no fix, a later release is not', async () => {
    expect((await matchSbom(sbomOf([pkg('pypi', 'py', '1.11.0')]), t.db)).map((f) => f.status)).toEqual(['no_fix_yet']);
    expect(await matchSbom(sbomOf([pkg('pypi', 'py', '1.11.1')]), t.db)).toEqual([]);
  });

  it('Go modules by module path with pseudo-versions, and stdlib by toolchain version', async () => {
    const net = pkg('golang', 'golang.org/x/net', 'v0.0.0-20180816102801-aaf60122140d', {
      purl: 'pkg:golang/golang.org/x/net@v0.0.0-20180816102801-aaf60122140d',
    });
    const stdlib = pkg('golang', 'stdlib', 'go1.15.2', { purl: 'pkg:golang/stdlib@go1.15.2' });
    const findings = await matchSbom(sbomOf([net, stdlib]), t.db);
    expect(
      findings
        .map((f) => `${f.package.name} ${f.aliases.find((a) => a.startsWith('GO-'))} ${f.status} ${f.fixedVersion}`)
        .sort(),
    ).toEqual([
      'golang.org/x/net GO-2020-0014 fixed 0.0.0-20190125091013-d26f9f9a57f3',
      'stdlib GO-2021-0069 fixed 1.15.5',
    ]);
  });
});
