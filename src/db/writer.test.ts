import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, FeedImporter, FeedRecord } from '../advisories/model.js';
import { importer as alpine } from '../feeds/alpine-secdb/index.js';
import { importer as debianVulnList } from '../feeds/debian-vuln-list/index.js';
import { openAdvisoryDb, type AdvisoryDb } from './open.js';
import { affectedFor, aliasesFor, epssFor, kevFor, severitiesFor } from './queries.js';
import { vulnerabilitiesFor } from './vulnerability-info.js';
import { descriptionRank } from './row-mapping.js';
import { cve5Zlib, epssScores, kevEntry, nvdGlibc, withdrawnPysec } from './testdata/real-records.js';
import { feed, scratchDir } from './testdata/paths.js';
import { AdvisoryWriter } from './writer.js';

async function advisories(importer: FeedImporter, entry: string, ids: string[]): Promise<Advisory[]> {
  const out: Advisory[] = [];
  for await (const r of importer.read(entry, { warn: () => {} })) if (r.kind === 'advisory' && ids.includes(r.advisory.id)) out.push(r.advisory);
  return out;
}

async function databaseWith(records: FeedRecord[], rowsPerBatch = 20_000): Promise<AdvisoryDb> {
  const db = await openAdvisoryDb(path.join(await scratchDir('writer'), 'a.db'), { readonly: false });
  const writer = new AdvisoryWriter(db, rowsPerBatch);
  for (const record of records) await writer.add(record);
  await writer.flush();
  return db;
}

const asRecords = (list: Advisory[]): FeedRecord[] => list.map((advisory) => ({ kind: 'advisory', advisory }));

describe('AdvisoryWriter merging one CVE from three feeds (CVE-2023-45853: Debian, Alpine, CVE JSON 5)', async () => {
  const debian = await advisories(debianVulnList, feed('debian-vuln-list-debian'), ['CVE-2023-45853']);
  const alpineZlib = await advisories(alpine, feed('alpine-secdb/vuln-list-split/alpine/3.20/main/zlib.json'), ['CVE-2023-45853']);
  const cve5 = await cve5Zlib();

  it.each([
    ['distro feeds first', [...debian, ...alpineZlib, cve5]],
    ['CVE record first', [cve5, ...alpineZlib, ...debian]],
  ])('%s: one vulnerability row, full text over the truncated one, dates kept, rows of both distros', async (_, list) => {
    const db = await databaseWith(asRecords(list), 3);
    try {
      const info = (await vulnerabilitiesFor(db, ['CVE-2023-45853'])).get('CVE-2023-45853');
      expect(info?.description).toBe(cve5.description);
      expect(info?.published).toBe('2023-10-14T00:00:00');
      expect(info?.modified).toBe('2024-08-02T20:29:32.500Z');
      expect(info?.sources).toEqual(['alpine-secdb', 'cve5', 'debian-vuln-list']);
      expect(info?.references).toContain('https://security-tracker.debian.org/tracker/CVE-2023-45853');
      expect(await affectedFor(db, 'alpine:3.20', ['zlib'])).toEqual([
        { vulnId: 'CVE-2023-45853', source: 'alpine-secdb', namespace: 'alpine:3.20', package: 'zlib', status: 'not_affected', ranges: [], versions: [] },
      ]);
      const bookworm = await affectedFor(db, 'debian:bookworm', ['zlib', 'minizip']);
      const expected = debian[0].affected.filter((a) => a.namespace === 'debian:bookworm').map((a) => [a.package, a.status]);
      expect(bookworm.map((r) => [r.package, r.status])).toEqual(expected.sort());
      expect(expected).toHaveLength(2);
      expect((await severitiesFor(db, ['CVE-2023-45853'])).get('CVE-2023-45853')).toEqual(cve5.severities);
    } finally {
      await db.destroy();
    }
  });

  it('ranks descriptions: none or truncated 0, NVD/CVE-record text 1, a distro or advisory database 2', () => {
    expect(descriptionRank('debian-vuln-list', debian[0].description)).toBe(0);
    expect(descriptionRank('cve5', cve5.description)).toBe(1);
    expect(descriptionRank('nvd', cve5.description)).toBe(1);
    expect(descriptionRank('debian-tracker-json', cve5.description)).toBe(2);
    expect(descriptionRank('alpine-secdb', undefined)).toBe(0);
  });
});

describe('AdvisoryWriter with NVD, KEV, EPSS and a withdrawn OSV record', () => {
  it('keeps the first rating per (vulnerability, rater, CVSS version) and the NVD text over Debian\'s cut one', async () => {
    const nvd = await nvdGlibc();
    const debian = await advisories(debianVulnList, feed('debian-vuln-list-debian'), ['CVE-2023-4911']);
    const db = await databaseWith(asRecords([...debian, nvd, nvd]));
    try {
      expect((await severitiesFor(db, ['CVE-2023-4911'])).get('CVE-2023-4911')).toEqual([
        { source: 'nvd', cvssVersion: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', score: 7.8, rating: 'high' },
      ]);
      const info = (await vulnerabilitiesFor(db, ['CVE-2023-4911'])).get('CVE-2023-4911');
      expect(info?.description).toBe(nvd.description);
      expect(info?.published).toBe('2023-10-03T18:15:10.463');
    } finally {
      await db.destroy();
    }
  });

  it('stores KEV entries and keeps the newer EPSS score whichever file comes first', async () => {
    const kev = await kevEntry('CVE-2023-4911');
    const older = await epssScores('epss_scores-2024-10-25.excerpt.csv');
    const newer = await epssScores('epss_scores-2026-09-29.head.csv');
    const scores = (list: typeof older): FeedRecord[] => list.map((score) => ({ kind: 'epss', score }));
    for (const order of [[...scores(newer), ...scores(older)], [...scores(older), ...scores(newer)]]) {
      const db = await databaseWith([{ kind: 'kev', entry: kev }, ...order]);
      try {
        expect((await kevFor(db, ['CVE-2023-4911', 'CVE-2023-45853'])).get('CVE-2023-4911')).toEqual(kev);
        const epss = await epssFor(db, ['CVE-1999-0005', 'CVE-2024-9972', 'CVE-1999-0001']);
        expect(epss.get('CVE-1999-0005')).toEqual(newer.find((s) => s.cve === 'CVE-1999-0005'));
        expect(epss.get('CVE-2024-9972')).toEqual(older.find((s) => s.cve === 'CVE-2024-9972'));
        expect(epss.get('CVE-1999-0001')?.date).toBe('2026-09-29');
      } finally {
        await db.destroy();
      }
    }
  });

  it('leaves withdrawn advisories out of matching unless asked, with OSV ranges and versions intact', async () => {
    const pysec = await withdrawnPysec();
    const db = await databaseWith(asRecords([pysec]));
    try {
      expect(await affectedFor(db, 'PyPI', ['aiohttp'])).toEqual([]);
      const [row] = await affectedFor(db, 'PyPI', ['aiohttp'], { includeWithdrawn: true });
      expect(row.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]);
      expect(row.versions).toEqual(pysec.affected[0].versions);
      expect(await aliasesFor(db, ['CVE-2022-33124'])).toEqual(new Map([['CVE-2022-33124', ['PYSEC-2022-43059']]]));
      expect(await aliasesFor(db, ['PYSEC-2022-43059'])).toEqual(new Map([['PYSEC-2022-43059', ['CVE-2022-33124']]]));
    } finally {
      await db.destroy();
    }
  });
});
