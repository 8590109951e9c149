import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, FeedWarning } from '../../advisories/model.js';
import { releaseRow } from './convert.js';
import { importer } from './index.js';

const FEEDS = path.resolve(process.cwd(), '../shared/feeds');
const EXCERPT = path.join(FEEDS, 'debian-tracker-json-excerpt', 'debian.json');

const row = (advisory: Advisory | undefined, namespace: string) =>
  advisory?.affected.find((a) => a.namespace === namespace);

describe('debian-tracker-json importer on the vunnel excerpt of the tracker export', async () => {
  const warnings: FeedWarning[] = [];
  const advisories = new Map<string, Advisory>();
  let dataDate: string | undefined;
  for await (const record of importer.read(EXCERPT, { warn: (w) => warnings.push(w) })) {
    if (record.kind === 'advisory') advisories.set(record.advisory.id, record.advisory);
    if (record.kind === 'data-date') dataDate = record.date;
  }

  it('recognizes the export by its shape, not other JSON feeds', async () => {
    expect(await importer.detect(EXCERPT)).toBe(true);
    expect(await importer.detect(path.join(FEEDS, 'debian-vuln-list-debian/tracker/CVE/2023/CVE-2023-4911.json'))).toBe(
      false,
    );
    expect(await importer.detect(path.join(FEEDS, 'alpine-secdb/vuln-list-split/alpine/3.20/main/zlib.json'))).toBe(
      false,
    );
    expect(await importer.detect(path.join(FEEDS, 'cisa-kev/known_exploited_vulnerabilities.json'))).toBe(false);
    expect(await importer.detect(path.join(FEEDS, 'debian-tracker-json-excerpt'))).toBe(false);
  });

  it('turns the "releases": [] quirk into one counted warning and reads the other six entries', async () => {
    expect(warnings).toEqual([
      {
        file: EXCERPT,
        message: 'chromium-browser CVE-2022-0358: "releases" is [], not an object of releases; skipped',
      },
    ]);
    expect([...advisories.keys()].sort()).toEqual([
      'CVE-2005-3111',
      'CVE-2007-2383',
      'CVE-2008-7220',
      'CVE-2013-1444',
      'CVE-2022-0456',
      'CVE-2025-53603',
    ]);
    // The export has no date and the excerpt no fetch record: unknown, never the file's mtime.
    expect(dataDate).toBeUndefined();
  });

  it('resolved with fixed_version "0" is not affected; "unimportant" rates negligible', () => {
    expect(row(advisories.get('CVE-2007-2383'), 'debian:buster')).toEqual({
      namespace: 'debian:buster',
      package: 'prototypejs',
      status: 'not_affected',
      severity: 'negligible',
      ranges: [],
      versions: [],
    });
  });

  it('resolved is fixed at fixed_version; "high**" rates high; the debianbug becomes a reference', () => {
    const cve = advisories.get('CVE-2008-7220');
    expect(row(cve, 'debian:sid')).toMatchObject({
      package: 'prototypejs',
      status: 'fixed',
      fixedVersion: '1.6.0.2-1',
      severity: 'high',
    });
    expect(cve?.references).toEqual([
      'https://security-tracker.debian.org/tracker/CVE-2008-7220',
      'https://bugs.debian.org/555217',
    ]);
    expect(cve?.description).toMatch(/^Unspecified vulnerability in Prototype JavaScript framework/);
  });

  it('open with urgency end-of-life is end of life; "not yet assigned" gives no rating', () => {
    const cve = advisories.get('CVE-2022-0456');
    expect(row(cve, 'debian:buster')).toEqual({
      namespace: 'debian:buster',
      package: 'chromium',
      status: 'end_of_life',
      ranges: [],
      versions: [],
    });
    expect(row(cve, 'debian:bullseye')).toEqual({
      namespace: 'debian:bullseye',
      package: 'chromium',
      status: 'fixed',
      fixedVersion: '98.0.4758.80-1~deb11u1',
      ranges: [],
      versions: [],
    });
  });

  it('keeps every release the export lists, bookworm and trixie included (CVE-2025-53603 sope)', () => {
    expect(advisories.get('CVE-2025-53603')?.affected.map((a) => [a.namespace, a.status, a.fixedVersion])).toEqual([
      ['debian:bookworm', 'fixed', '5.8.0-1+deb12u1'],
      ['debian:bullseye', 'fixed', '5.0.1-2+deb11u1'],
      ['debian:sid', 'fixed', '5.12.1-2'],
      ['debian:trixie', 'fixed', '5.12.1-2'],
    ]);
  });
});

describe('tracker JSON release states the excerpt does not show', () => {
  // The excerpt has no `nodsa` release; these objects take the field names of the export and the reasons
  // the tracker gives in its list files (e.g. CVE-2023-4641 "[bookworm] - shadow <no-dsa> (Minor issue)").
  it.each([
    [
      { status: 'open', urgency: 'low', nodsa: 'Minor issue', nodsa_reason: '' },
      { status: 'no_fix_yet', note: 'no-dsa: Minor issue', severity: 'low' },
    ],
    [
      { status: 'open', urgency: 'low', nodsa: 'Minor issue', nodsa_reason: 'ignored' },
      { status: 'will_not_fix', note: 'ignored: Minor issue' },
    ],
    [
      { status: 'open', urgency: 'medium', nodsa: 'Minor issue', nodsa_reason: 'postponed' },
      { status: 'no_fix_yet', note: 'postponed: Minor issue' },
    ],
    [
      { status: 'open', urgency: 'unimportant' },
      { status: 'no_fix_yet', severity: 'negligible' },
    ],
    [{ status: 'undetermined', urgency: 'not yet assigned' }, { status: 'unknown' }],
  ])('%j', (release, expected) => {
    expect(releaseRow('shadow', 'bookworm', release)).toMatchObject({
      namespace: 'debian:bookworm',
      package: 'shadow',
      ...expected,
    });
  });

  it('explains what it cannot read', () => {
    expect(releaseRow('shadow', 'bookworm', { status: 'resolved', urgency: 'low' })).toBe(
      'release bookworm is resolved without a fixed_version',
    );
    expect(releaseRow('shadow', 'bookworm', { status: 'fixed' })).toBe('release bookworm has unknown status "fixed"');
  });
});
