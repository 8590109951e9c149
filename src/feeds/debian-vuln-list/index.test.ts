import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, FeedWarning } from '../../advisories/model.js';
import { VULN_LIST } from '../debian-lists/testdata/vuln-list.js';
import { importer } from './index.js';

async function readAll(
  dir: string,
): Promise<{ advisories: Map<string, Advisory>; warnings: FeedWarning[]; dataDate?: string }> {
  const warnings: FeedWarning[] = [];
  const advisories = new Map<string, Advisory>();
  let dataDate: string | undefined;
  for await (const record of importer.read(dir, { warn: (w) => warnings.push(w) })) {
    if (record.kind === 'advisory') advisories.set(record.advisory.id, record.advisory);
    if (record.kind === 'data-date') dataDate = record.date;
  }
  return { advisories, warnings, dataDate };
}

const row = (advisory: Advisory | undefined, namespace: string, pkg: string) =>
  advisory?.affected.find((a) => a.namespace === namespace && a.package === pkg);

describe('debian-vuln-list importer on ../shared/feeds/debian-vuln-list-debian', async () => {
  const { advisories, warnings, dataDate } = await readAll(VULN_LIST);

  it('recognizes the repository root and its tracker/ folder, nothing else', async () => {
    expect(await importer.detect(VULN_LIST)).toBe(true);
    expect(await importer.detect(path.join(VULN_LIST, 'tracker'))).toBe(true);
    expect(await importer.detect(path.join(VULN_LIST, 'tracker', 'CVE'))).toBe(false);
    expect(await importer.detect(path.resolve(VULN_LIST, '../debian-security-tracker-lists'))).toBe(false);
  });

  it('reads every entry without a warning, dated by the newest DSA', () => {
    expect(warnings).toEqual([]);
    expect(dataDate).toBe('2024-04-23');
  });

  it('CVE-2023-4911: bookworm and bullseye fixed by DSA-5514-1, buster not affected, sid fixed in 2.37-12', () => {
    const cve = advisories.get('CVE-2023-4911');
    expect(row(cve, 'debian:bookworm', 'glibc')).toEqual({
      namespace: 'debian:bookworm',
      package: 'glibc',
      status: 'fixed',
      fixedVersion: '2.36-9+deb12u3',
      fixedBy: 'DSA-5514-1',
      ranges: [],
      versions: [],
    });
    expect(row(cve, 'debian:bullseye', 'glibc')).toMatchObject({
      status: 'fixed',
      fixedVersion: '2.31-13+deb11u7',
      fixedBy: 'DSA-5514-1',
    });
    expect(row(cve, 'debian:buster', 'glibc')).toMatchObject({
      status: 'not_affected',
      note: 'Vulnerable code introduced later',
    });
    expect(row(cve, 'debian:sid', 'glibc')).toMatchObject({ status: 'fixed', fixedVersion: '2.37-12' });
    // trixie has no line of its own: no fix of its own, bounded by unstable's (trixie's glibc is above it, so not affected).
    expect(row(cve, 'debian:trixie', 'glibc')).toMatchObject({
      status: 'no_fix_yet',
      fixedVersion: '2.37-12',
      note: 'fixed in unstable in 2.37-12; no fix for trixie yet',
    });
    expect(cve?.description).toBe("A buffer overflow was discovered in the GNU C Library's dynamic loader ...");
    expect(cve?.references).toContain(
      'https://www.qualys.com/2023/10/03/cve-2023-4911/looney-tunables-local-privilege-escalation-glibc-ld-so.txt',
    );
  });

  it('a [bookworm] point-release fix, and <removed> + <ignored> for a second package', () => {
    const cve = advisories.get('CVE-2023-52425');
    expect(row(cve, 'debian:bookworm', 'expat')).toMatchObject({ status: 'fixed', fixedVersion: '2.5.0-1+deb12u2' });
    expect(row(cve, 'debian:bookworm', 'expat')?.fixedBy).toBeUndefined();
    expect(row(cve, 'debian:sid', 'libxmltok')).toMatchObject({ status: 'end_of_life', note: 'removed' });
    expect(row(cve, 'debian:bookworm', 'libxmltok')).toMatchObject({
      status: 'will_not_fix',
      note: 'ignored: Minor issue, no runtime dependencies left',
    });
    expect(row(cve, 'debian:bullseye', 'libxmltok')).toMatchObject({
      status: 'no_fix_yet',
      note: 'removed from unstable',
    });
  });

  it('<no-dsa>, <ignored> and <postponed> keep their reason; unstable urgency rates the release rows', () => {
    expect(row(advisories.get('CVE-2023-4641'), 'debian:bookworm', 'shadow')).toMatchObject({
      status: 'no_fix_yet',
      note: 'no-dsa: Minor issue',
    });
    expect(advisories.get('CVE-2023-4641')?.summary).toBe('gpasswd(1) password leak');
    expect(row(advisories.get('CVE-2016-2781'), 'debian:bookworm', 'coreutils')).toMatchObject({
      status: 'will_not_fix',
      note: 'ignored: Minor issue',
      severity: 'low',
    });
    expect(row(advisories.get('CVE-2016-2781'), 'debian:trixie', 'coreutils')).toMatchObject({
      status: 'no_fix_yet',
      fixedVersion: '9.4-1',
      severity: 'low',
    });
    expect(row(advisories.get('CVE-2024-5535'), 'debian:bookworm', 'openssl')).toMatchObject({
      status: 'no_fix_yet',
      note: 'postponed: Minor issue, fix along with next update round',
    });
  });

  it('<not-affected> for the release, fixed in unstable (CVE-2024-3094 xz-utils)', () => {
    const cve = advisories.get('CVE-2024-3094');
    expect(row(cve, 'debian:bookworm', 'xz-utils')).toMatchObject({
      status: 'not_affected',
      note: 'Vulnerable code not present',
    });
    expect(row(cve, 'debian:sid', 'xz-utils')).toMatchObject({ status: 'fixed', fixedVersion: '5.6.1+really5.4.5-1' });
  });

  it('<unfixed> (unimportant) is no fix yet, rated negligible, in every tracked release (CVE-2011-3374 apt)', () => {
    const cve = advisories.get('CVE-2011-3374');
    for (const release of ['sid', 'bookworm', 'bullseye', 'trixie']) {
      expect(row(cve, `debian:${release}`, 'apt')).toMatchObject({ status: 'no_fix_yet', severity: 'negligible' });
    }
    expect(cve?.references).toContain('https://bugs.debian.org/642480');
  });

  it('drops [experimental] lines and TODO-only entries', () => {
    expect(advisories.get('CVE-2024-22365')?.affected.some((a) => a.namespace === 'debian:experimental')).toBe(false);
    expect(row(advisories.get('CVE-2024-22365'), 'debian:bookworm', 'pam')).toMatchObject({
      status: 'no_fix_yet',
      note: 'no-dsa: Minor issue',
    });
    // CVE-2023-7104 is only "TODO: check": no package is named yet, so there is nothing to match.
    expect(advisories.has('CVE-2023-7104')).toBe(false);
  });

  it('a CVE known only from a DSA becomes its own advisory (CVE-2023-38546 from DSA-5523-1)', () => {
    expect(advisories.get('CVE-2023-38546')?.affected).toEqual([
      {
        namespace: 'debian:bookworm',
        package: 'curl',
        status: 'fixed',
        fixedVersion: '7.88.1-10+deb12u4',
        fixedBy: 'DSA-5523-1',
        ranges: [],
        versions: [],
      },
      {
        namespace: 'debian:bullseye',
        package: 'curl',
        status: 'fixed',
        fixedVersion: '7.74.0-1.3+deb11u10',
        fixedBy: 'DSA-5523-1',
        ranges: [],
        versions: [],
      },
    ]);
  });

  it('skips a broken file with a warning naming it and reads the rest', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'airlock-vuln-list-'));
    await cp(VULN_LIST, copy, { recursive: true });
    const broken = path.join(copy, 'tracker', 'CVE', '2023', 'CVE-2023-4911.json');
    await writeFile(broken, '{"Header": {"ID": "CVE-2023-4911"}, "Annotations": [');
    const result = await readAll(copy);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].file).toBe(broken);
    expect(result.warnings[0].message).toMatch(/^not valid JSON/);
    expect(result.advisories.has('CVE-2023-4911')).toBe(true); // still known from DSA-5514-1
    expect(result.advisories.get('CVE-2023-4911')?.affected.map((a) => a.namespace)).toEqual([
      'debian:bookworm',
      'debian:bullseye',
    ]);
    expect(result.advisories.size).toBe(advisories.size);
  });
});
