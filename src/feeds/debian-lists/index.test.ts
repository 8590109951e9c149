import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, FeedImporter, FeedWarning } from '../../advisories/model.js';
import { importer as vulnListImporter } from '../debian-vuln-list/index.js';
import { importer } from './index.js';
import { VULN_LIST, writeTrackerCheckout } from './testdata/vuln-list.js';

const TRACKER_LISTS = path.resolve(process.cwd(), '../shared/feeds/debian-security-tracker-lists');

async function readAll(
  feed: FeedImporter,
  dir: string,
): Promise<{ advisories: Map<string, Advisory>; warnings: FeedWarning[]; dataDate?: string }> {
  const warnings: FeedWarning[] = [];
  const advisories = new Map<string, Advisory>();
  let dataDate: string | undefined;
  for await (const record of feed.read(dir, { warn: (w) => warnings.push(w) })) {
    if (record.kind === 'advisory') advisories.set(record.advisory.id, record.advisory);
    if (record.kind === 'data-date') dataDate = record.date;
  }
  return { advisories, warnings, dataDate };
}

const row = (advisory: Advisory | undefined, namespace: string, pkg: string) =>
  advisory?.affected.find((a) => a.namespace === namespace && a.package === pkg);

describe('debian-lists importer on the real DSA and DLA lists (2023-04-02)', async () => {
  const { advisories, warnings, dataDate } = await readAll(importer, TRACKER_LISTS);

  it('recognizes a tracker checkout or its data/ folder', async () => {
    expect(await importer.detect(TRACKER_LISTS)).toBe(true);
    expect(await importer.detect(path.join(TRACKER_LISTS, 'data'))).toBe(true);
    expect(await importer.detect(path.join(TRACKER_LISTS, 'data', 'DSA', 'list'))).toBe(false);
    expect(await importer.detect(VULN_LIST)).toBe(false);
  });

  it('reads every entry without a warning, dated by the newest (DLA-3380-1, 01 Apr 2023)', async () => {
    expect(warnings).toEqual([]);
    expect(dataDate).toBe('2023-04-01');
    // Independently of the parser: one advisory per CVE cited by an entry that has a release line,
    // plus one per such entry citing none (entries with only NOTEs fix nothing).
    const text = ['DSA', 'DLA']
      .map((k) => readFileSync(path.join(TRACKER_LISTS, 'data', k, 'list'), 'utf8'))
      .join('\n');
    const withRelease = text.split(/\n(?=\[)/).filter((entry) => /\n\s+\[[a-z]+\] - /.test(entry));
    const cited = new Set(
      withRelease.flatMap((entry) =>
        (entry.match(/\n\s+\{[^}]*\}/g) ?? []).flatMap((x) => x.match(/CVE-\d{4}-\d+/g) ?? []),
      ),
    );
    const uncited = withRelease.filter((entry) => !/\n\s+\{[^}]*CVE-/.test(entry));
    expect(advisories.size).toBe(cited.size + uncited.length);
  });

  it('takes each release fix from its advisory (CVE-2023-1393: DSA-5380-1 for bullseye, DLA-3372-1 for buster)', () => {
    expect(advisories.get('CVE-2023-1393')?.affected).toEqual([
      {
        namespace: 'debian:bullseye',
        package: 'xorg-server',
        status: 'fixed',
        fixedVersion: '2:1.20.11-1+deb11u6',
        fixedBy: 'DSA-5380-1',
        ranges: [],
        versions: [],
      },
      {
        namespace: 'debian:buster',
        package: 'xorg-server',
        status: 'fixed',
        fixedVersion: '2:1.20.4-1+deb10u9',
        fixedBy: 'DLA-3372-1',
        ranges: [],
        versions: [],
      },
    ]);
  });

  it('the later of two advisories for one release holds (CVE-2022-3201: DSA-5244-1 after DSA-5230-1)', () => {
    expect(row(advisories.get('CVE-2022-3201'), 'debian:bullseye', 'chromium')).toMatchObject({
      fixedVersion: '106.0.5249.61-1~deb11u1',
      fixedBy: 'DSA-5244-1',
    });
    expect(row(advisories.get('CVE-2020-11651'), 'debian:stretch', 'salt')).toMatchObject({
      fixedBy: 'DSA-4676-2',
      fixedVersion: '2016.11.2+ds-1+deb9u4',
    });
  });

  it('keeps <not-affected> and <end-of-life> lines of advisories', () => {
    const cve = advisories.get('CVE-2011-2685');
    expect(row(cve, 'debian:squeeze', 'openoffice.org')).toMatchObject({
      status: 'fixed',
      fixedVersion: '1:3.2.1-11+squeeze3',
      fixedBy: 'DSA-2275-1',
    });
    expect(row(cve, 'debian:lenny', 'openoffice.org')).toMatchObject({
      status: 'not_affected',
      note: 'Vulnerable code not present',
    });
    // DSA-3699-1 cites no CVE: the advisory stands for itself.
    expect(advisories.get('DSA-3699-1')).toMatchObject({
      summary: 'virtualbox - end of life',
      affected: [{ namespace: 'debian:jessie', package: 'virtualbox', status: 'end_of_life' }],
    });
  });
});

describe('debian-lists importer on data/CVE/list and data/DSA/list rebuilt from real tracker lines', async () => {
  const checkout = await mkdtemp(path.join(tmpdir(), 'airlock-tracker-'));
  await writeTrackerCheckout(checkout);
  const lists = await readAll(importer, checkout);
  const listsDate = lists.dataDate;
  const json = await readAll(vulnListImporter, VULN_LIST);

  it('parses every line without a warning', () => {
    expect(lists.warnings).toEqual([]);
    expect(listsDate).toBe('2024-04-23');
  });

  it('gives exactly what the vuln-list JSON rendering of the same entries gives', () => {
    expect([...lists.advisories.keys()].sort()).toEqual([...json.advisories.keys()].sort());
    for (const [id, advisory] of lists.advisories) {
      expect({ ...advisory, source: 'same' }, id).toEqual({ ...json.advisories.get(id), source: 'same' });
    }
  });

  it('CVE-2023-4911 bookworm: fixed in 2.36-9+deb12u3 by DSA-5514-1', () => {
    expect(row(lists.advisories.get('CVE-2023-4911'), 'debian:bookworm', 'glibc')).toMatchObject({
      status: 'fixed',
      fixedVersion: '2.36-9+deb12u3',
      fixedBy: 'DSA-5514-1',
    });
  });
});
