/** The ALAS importer on Amazon's real RSS feeds and advisory pages (vunnel's sample layout). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer } from './index.js';
import { newPackages, parseRpmFileName } from './page.js';

const AMAZON = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/amazon/test-fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'airlock-alas-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('amazon-alas importer', () => {
  it('claims ALAS feeds, not their pages or folders', async () => {
    expect(await importer.detect(path.join(AMAZON, 'input/2_rss.xml'))).toBe(true);
    expect(await importer.detect(path.join(AMAZON, 'mock_rss'))).toBe(true);
    expect(await importer.detect(path.join(AMAZON, 'input/2_html/ALAS-2018-939'))).toBe(false);
    expect(await importer.detect(path.join(AMAZON, 'input'))).toBe(false);
  });

  it.each([
    ['2', 'ALAS-2018-939', ['CVE-2017-5715', 'CVE-2017-5754'], 'kernel', '4.9.76-38.79.amzn2', 'critical'],
    [
      '2022',
      'ALAS-2021-001',
      ['CVE-2021-3778', 'CVE-2021-3796', 'CVE-2021-3872', 'CVE-2021-3875'],
      'vim',
      '8.2.3512-1.amzn2022',
      'medium',
    ],
    [
      '2023',
      'ALAS-2023-126',
      ['CVE-2022-3787', 'CVE-2022-41973', 'CVE-2022-41974'],
      'device-mapper-multipath',
      '0.8.7-16.amzn2023.0.1',
      'high',
    ],
  ])(
    'Amazon Linux %s: %s gives its source rpm fixed at the page version, per CVE',
    async (release, alas, cves, pkg, fixed, rating) => {
      const { advisories, warnings } = await collect(importer, path.join(AMAZON, `input/${release}_rss.xml`));
      expect(warnings).toEqual([]);
      expect(advisories.map((a) => a.id)).toEqual(cves);
      for (const advisory of advisories) {
        expect(advisory.aliases).toEqual([alas]);
        expect(advisory.affected.map((a) => [a.namespace, a.package, a.status, a.fixedBy])).toEqual([
          [`amazon:${release}`, pkg, 'fixed', alas],
        ]);
        expect(advisory.affected[0].fixedVersion).toBe(fixed);
        expect(advisory.severities).toEqual([{ source: 'amazon', rating }]);
      }
    },
  );

  it('the data date is the newest item date', async () => {
    const { dataDate } = await collect(importer, path.join(AMAZON, 'input/2023_rss.xml'));
    expect(dataDate).toBe('2023-03-08T00:51:00.000Z');
  });

  it('an item without its page is a counted warning, not a row without a fix', async () => {
    const { advisories, warnings } = await collect(importer, path.join(AMAZON, 'mock_rss'));
    expect(advisories).toEqual([]);
    expect(warnings.length).toBe(97);
    expect(warnings[0]).toEqual({
      file: `${path.join(AMAZON, 'mock_rss')}#ALAS-2018-1106`,
      message: 'advisory page not found beside the feed',
    });
  });

  it('the page\'s "New Packages" block, by arch; a page without one lists nothing', () => {
    const rpms = newPackages(readFileSync(path.join(AMAZON, 'mock_html'), 'utf8'));
    expect(rpms.filter((r) => r.arch === 'src')).toEqual([
      { name: 'java-1.8.0-openjdk', evr: '1.8.0.161-0.b14.amzn2', arch: 'src' },
    ]);
    expect(rpms.some((r) => r.name === 'java-1.8.0-openjdk-javadoc' && r.arch === 'noarch')).toBe(true);
    expect(newPackages('<html><body>Nothing here</body></html>')).toEqual([]);
    expect(parseRpmFileName('kernel-debuginfo-common-x86_64-4.9.76-38.79.amzn2.x86_64', 'x86_64')).toEqual({
      name: 'kernel-debuginfo-common-x86_64',
      evr: '4.9.76-38.79.amzn2',
      arch: 'x86_64',
    });
    expect(parseRpmFileName('not an rpm', 'src')).toBeUndefined();
  });

  it('a feed that is not well-formed XML stops with its name', async () => {
    const bad = path.join(work, '2_rss.xml');
    writeFileSync(bad, '<rss><channel><item><title>ALAS-2018-1 (low): x</title></channel></rss>');
    await expect(collect(importer, bad)).rejects.toThrow(/2_rss\.xml: not well-formed XML/);
  });
});
