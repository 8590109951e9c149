/**
 * The selection rules, as a table over real records: every rating and score below is
 * read from a database built from ../shared/feeds (NVD, CVE 5 / vulnrichment, GHSA,
 * Ubuntu OSV and the Debian tracker), so each row shows the rule on data as it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeverityRecord } from '../advisories/model.js';
import { affectedFor, severitiesFor } from '../db/queries.js';
import { buildFeedDb, type TestDb } from '../match/testdata/feed-db.js';
import { bandForScore, describeSeverity, selectSeverity } from './index.js';

let t: TestDb;
beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'ghsa-osv', 'ubuntu-osv-samples']);
});
afterAll(() => t?.close());

/** The records of these ids, plus the Debian tracker's per-package urgency for `debianPackage` in bookworm. */
async function recordsOf(ids: string[], debianPackage?: string): Promise<SeverityRecord[]> {
  const severities = await severitiesFor(t.db, ids);
  const records = ids.flatMap((id) => severities.get(id) ?? []);
  if (debianPackage) {
    const rows = await affectedFor(t.db, 'debian:bookworm', [debianPackage]);
    const row = rows.find((r) => ids.includes(r.vulnId));
    if (!row) throw new Error(`no bookworm row for ${debianPackage} ${ids}`);
    if (row.severity) records.unshift({ source: 'debian', rating: row.severity });
  }
  return records;
}

describe('severity selection (Docker Scout rules) on real records', () => {
  const table: { rule: string; namespace: string; ids: string[]; debian?: string; expected: string }[] = [
    // Debian rates coreutils' chroot TTY injection `low` (<ignored>, Minor issue) with no CVSS; NVD's v3.0 6.5
    // is shown beside it, ahead of NVD's v2 2.1 and CISA-ADP's 3.1 4.6.
    {
      rule: 'preferred rating + fallback CVSS from NVD',
      namespace: 'debian:bookworm',
      ids: ['CVE-2016-2781'],
      debian: 'coreutils',
      expected: 'LOW, CVSS 6.5 from NVD',
    },
    // apt's CVE-2011-3374 is `unimportant` in the tracker: shown LOW (documented choice), and no source scores it.
    {
      rule: 'Debian unimportant is LOW',
      namespace: 'debian:bookworm',
      ids: ['CVE-2011-3374'],
      debian: 'apt',
      expected: 'LOW',
    },
    // zlib's MiniZip overflow has no Debian urgency: the only score, CISA-ADP's 8.8, decides.
    {
      rule: 'preferred rater silent: fallback CVSS decides',
      namespace: 'debian:bookworm',
      ids: ['CVE-2023-45853'],
      debian: 'zlib',
      expected: 'HIGH, CVSS 8.8 from CISA ADP',
    },
    // Alpine's secdb rates nothing: curl's SOCKS5 overflow takes NVD's 9.8 over CISA-ADP's 8.8.
    {
      rule: 'NVD before CISA ADP',
      namespace: 'alpine:3.20',
      ids: ['CVE-2023-38545'],
      expected: 'CRITICAL, CVSS 9.8 from NVD',
    },
    // Confluence CVE-2023-22515: the CNA (Atlassian, 10.0) before CISA-ADP (9.8).
    {
      rule: 'CNA before CISA ADP',
      namespace: 'alpine:3.20',
      ids: ['CVE-2023-22515'],
      expected: 'CRITICAL, CVSS 10.0 from atlassian',
    },
    // glibc Looney Tunables: only Red Hat's secondary score in NVD's record.
    {
      rule: 'CNA score when NVD has none of its own',
      namespace: 'debian:bookworm',
      ids: ['CVE-2023-4911'],
      debian: 'glibc',
      expected: 'HIGH, CVSS 7.8 from redhat.com',
    },
    // npm semver ReDoS: GitHub's own label and its own CVSS.
    {
      rule: 'GHSA preferred for language packages',
      namespace: 'npm',
      ids: ['CVE-2022-25883', 'GHSA-c2qf-rxjj-qqgw'],
      expected: 'MEDIUM, CVSS 5.3 from GitHub',
    },
    // Ubuntu rates CVE-2022-24823 `low`; the OSV record's vector (5.5) is only shown.
    {
      rule: 'Ubuntu priority preferred in Ubuntu',
      namespace: 'ubuntu:22.04',
      ids: ['UBUNTU-CVE-2022-24823'],
      expected: 'LOW, CVSS 5.5 from OSV',
    },
    // pam's CVE-2024-22365: <no-dsa>, no urgency, and no feed here scores it.
    {
      rule: 'no score anywhere: unspecified',
      namespace: 'debian:bookworm',
      ids: ['CVE-2024-22365'],
      debian: 'pam',
      expected: 'UNSPECIFIED',
    },
  ];

  for (const row of table) {
    it(`${row.rule}: ${row.ids[0]} → ${row.expected}`, async () => {
      const records = await recordsOf(row.ids, row.debian);
      expect(describeSeverity(selectSeverity({ namespace: row.namespace, records }))).toBe(row.expected);
    });
  }

  it('keeps the rater and its own word: Debian negligible is band low, rating negligible', async () => {
    const selected = selectSeverity({
      namespace: 'debian:bookworm',
      records: await recordsOf(['CVE-2011-3374'], 'apt'),
    });
    expect(selected).toEqual({ band: 'low', source: 'debian', rating: 'negligible' });
  });

  it('a v4.0 score bands by the same table (GitHub as CNA, 8.2) and a 0.0 score decides nothing', async () => {
    // CVE-2024-47534: GitHub_M CVSS 4.0 8.2 and CISA-ADP 3.1 0.0 in the vulnrichment record.
    const selected = selectSeverity({ namespace: 'alpine:3.20', records: await recordsOf(['CVE-2024-47534']) });
    expect(describeSeverity(selected)).toBe('HIGH, CVSS 8.2 from GitHub_M');
  });

  it("never falls back to another distro's rating", () => {
    // Ubuntu's `low` for CVE-2022-24823 says nothing about a Debian package.
    expect(selectSeverity({ namespace: 'debian:bookworm', records: [{ source: 'ubuntu', rating: 'low' }] })).toEqual({
      band: 'unspecified',
    });
  });
});

describe('CVSS bands', () => {
  it.each([
    [0.1, '3.1', 'low'],
    [3.9, '3.1', 'low'],
    [4.0, '3.1', 'medium'],
    [6.9, '3.1', 'medium'],
    [7.0, '3.1', 'high'],
    [8.9, '3.1', 'high'],
    [9.0, '3.1', 'critical'],
    [10, '4.0', 'critical'],
    [0, '3.1', 'unspecified'],
    [9.3, '2.0', 'high'],
  ] as const)('%s (v%s) → %s', (score, version, band) => {
    expect(bandForScore(score, version)).toBe(band);
  });
});
