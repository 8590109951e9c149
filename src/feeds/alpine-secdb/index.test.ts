import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, FeedWarning } from '../../advisories/model.js';
import { importer } from './index.js';
import { parseSecfixItem } from './secfix.js';

const SECDB = path.resolve(process.cwd(), '../shared/feeds/alpine-secdb');
const official = (branch: string, repo: string) => path.join(SECDB, 'official-yaml', branch, `${repo}.yaml`);
const split = (pkg: string) => path.join(SECDB, 'vuln-list-split', 'alpine', '3.20', 'main', `${pkg}.json`);

async function readFile(file: string): Promise<{ advisories: Advisory[]; warnings: FeedWarning[]; dataDate?: string }> {
  const warnings: FeedWarning[] = [];
  const advisories: Advisory[] = [];
  let dataDate: string | undefined;
  for await (const record of importer.read(file, { warn: (w) => warnings.push(w) })) {
    if (record.kind === 'advisory') advisories.push(record.advisory);
    if (record.kind === 'data-date') dataDate = record.date;
  }
  return { advisories, warnings, dataDate };
}

const find = (advisories: Advisory[], id: string, pkg: string) =>
  advisories.find((a) => a.id === id && a.affected[0].package === pkg);

describe('alpine-secdb importer, official YAML', async () => {
  const v38 = await readFile(official('v3.8', 'main'));
  const v38community = await readFile(official('v3.8', 'community'));
  const v310 = await readFile(official('v3.10', 'main'));

  it('recognizes branch files and split files by content', async () => {
    expect(await importer.detect(official('v3.8', 'main'))).toBe(true);
    expect(await importer.detect(official('v3.3', 'community'))).toBe(true);
    expect(await importer.detect(split('openssl'))).toBe(true);
    expect(await importer.detect(path.join(SECDB, 'vuln-list-split', 'SOURCES.tsv'))).toBe(false);
    expect(await importer.detect(path.resolve(SECDB, '../debian-tracker-json-excerpt/debian.json'))).toBe(false);
    expect(
      await importer.detect(path.resolve(SECDB, '../debian-vuln-list-debian/tracker/CVE/2023/CVE-2023-4911.json')),
    ).toBe(false);
    expect(await importer.detect(path.join(SECDB, 'official-yaml'))).toBe(false);
  });

  it('reads every real branch file without a warning; with no date in them and no fetch record, the data date is unknown (never the mtime)', async () => {
    for (const branch of ['v3.3', 'v3.4', 'v3.5', 'v3.6', 'v3.7', 'v3.8', 'v3.10', 'v3.11']) {
      for (const repo of ['main', 'community']) {
        const result = await readFile(official(branch, repo));
        expect(result.warnings, `${branch}/${repo}`).toEqual([]);
        expect(result.dataDate).toBeUndefined();
        expect(result.advisories.every((a) => a.affected[0].namespace === `alpine:${branch.slice(1)}`)).toBe(true);
      }
    }
  });

  it('a CVE in a secfix becomes a fixed row for the origin package in the branch namespace', () => {
    expect(find(v38.advisories, 'CVE-2019-10206', 'ansible')).toEqual({
      id: 'CVE-2019-10206',
      source: 'alpine-secdb',
      aliases: [],
      references: [],
      severities: [],
      affected: [
        {
          namespace: 'alpine:3.8',
          package: 'ansible',
          status: 'fixed',
          fixedVersion: '2.6.19-r0',
          ranges: [],
          versions: [],
        },
      ],
    });
  });

  it('secfix "0" means not affected (db, CVE-2016-0682)', () => {
    expect(find(v38.advisories, 'CVE-2016-0682', 'db')?.affected[0]).toMatchObject({ status: 'not_affected' });
    expect(find(v38.advisories, 'CVE-2016-0682', 'db')?.affected[0].fixedVersion).toBeUndefined();
  });

  it('a CVE under several versions takes the earliest (samba 4.8.7-r0 before 4.8.11-r0; wpa_supplicant 2.6-r7)', () => {
    expect(find(v310.advisories, 'CVE-2018-14629', 'samba')?.affected[0].fixedVersion).toBe('4.8.7-r0');
    expect(find(v310.advisories, 'CVE-2017-13077', 'wpa_supplicant')?.affected[0].fixedVersion).toBe('2.6-r7');
    expect(
      v310.advisories.filter((a) => a.id === 'CVE-2017-13077' && a.affected[0].package === 'wpa_supplicant'),
    ).toHaveLength(1);
  });

  it('reads ids with companions, notes and typos', () => {
    expect(find(v38.advisories, 'CVE-2016-9932', 'xen')).toMatchObject({ aliases: ['XSA-200'] });
    expect(find(v38.advisories, 'XSA-207', 'xen')?.affected[0]).toMatchObject({
      status: 'fixed',
      fixedVersion: '4.7.1-r5',
    });
    expect(find(v310.advisories, 'CVE-2018-14468', 'tcpdump')?.affected[0]).toMatchObject({
      fixedVersion: '4.9.3-r0',
      note: 'FrameRelay',
    });
    expect(find(v38community.advisories, 'CVE-2019-2426', 'openjdk7')?.affected[0].fixedVersion).toBe(
      '7.211.2.6.17-r0',
    );
    expect(find(v38.advisories, 'CVE-2017-17434', 'rsync')?.affected[0].fixedVersion).toBe('3.1.2-r7');
  });

  it('a branch with no packages gives nothing and no warning (v3.3 community)', async () => {
    expect(await readFile(official('v3.3', 'community'))).toMatchObject({ advisories: [], warnings: [] });
  });
});

describe('alpine-secdb importer, vuln-list split files (3.20/main)', () => {
  it('zlib: "0" entries are not affected, the rest fixed at their version', async () => {
    const { advisories, warnings } = await readFile(split('zlib'));
    expect(warnings).toEqual([]);
    expect(
      advisories.map((a) => [
        a.id,
        a.affected[0].namespace,
        a.affected[0].package,
        a.affected[0].status,
        a.affected[0].fixedVersion,
      ]),
    ).toEqual([
      ['CVE-2023-45853', 'alpine:3.20', 'zlib', 'not_affected', undefined],
      ['CVE-2023-6992', 'alpine:3.20', 'zlib', 'not_affected', undefined],
      ['CVE-2018-25032', 'alpine:3.20', 'zlib', 'fixed', '1.2.11-r4'],
      ['CVE-2022-37434', 'alpine:3.20', 'zlib', 'fixed', '1.2.12-r2'],
    ]);
  });

  it('openssl: CVE-2026-31790 fixed in 3.3.7-r0', async () => {
    const { advisories } = await readFile(split('openssl'));
    expect(find(advisories, 'CVE-2026-31790', 'openssl')?.affected[0]).toMatchObject({
      status: 'fixed',
      fixedVersion: '3.3.7-r0',
    });
    expect(find(advisories, 'CVE-2022-1292', 'openssl')?.affected[0].status).toBe('not_affected');
  });
});

describe('secfix items as the real files write them', () => {
  it.each([
    ['CVE-2019-10206', { cves: ['CVE-2019-10206'], others: [] }],
    ['CVE-2016-9932 XSA-200', { cves: ['CVE-2016-9932'], others: ['XSA-200'] }],
    ['XSA-207', { cves: [], others: ['XSA-207'] }],
    [
      'CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)',
      { cves: ['CVE-2018-10103'], others: [], note: 'SMB - partially fixed, but SMB printing disabled' },
    ],
    ['CVE_2019-2426', { cves: ['CVE-2019-2426'], others: [] }],
    ['CVE-2017-8073.patch', { cves: ['CVE-2017-8073'], others: [] }],
    ['CVE-????-?????  XSA-295', { cves: [], others: ['XSA-295'] }],
    ['CVE-2017-12122 TALOS-2017-0488', { cves: ['CVE-2017-12122'], others: ['TALOS-2017-0488'] }],
    ['wnpa-sec-2017-18', { cves: [], others: ['wnpa-sec-2017-18'] }],
    [
      'CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI',
      { cves: ['CVE-2017-5753', 'CVE-2017-5715', 'CVE-2017-5754'], others: ['XSA-254'] },
    ],
  ])('%s', (item, expected) => {
    expect(parseSecfixItem(item)).toEqual(expected);
  });
});
