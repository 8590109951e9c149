/** The Azure Linux / CBL-Mariner OVAL importer on Microsoft's real (truncated) files. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId, collect } from '../testdata/collect.js';
import { importer } from './index.js';

const DIR = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/mariner/test-fixtures');

describe('mariner-oval importer', () => {
  it('CBL-Mariner 2.0: fixed, ranged, unfixed and not-applicable definitions', async () => {
    const { advisories, warnings } = await collect(importer, path.join(DIR, 'mariner-truncated-2.0-oval.xml'));
    expect(warnings).toEqual([]);
    const row = (id: string) =>
      byId(advisories, id).affected.map((a) => [a.namespace, a.package, a.status, a.fixedVersion, a.ranges]);
    expect(row('CVE-2023-29404')).toEqual([
      [
        'mariner:2.0',
        'golang',
        'fixed',
        '1.20.7-1.cm2',
        [{ type: 'ECOSYSTEM', events: [{ introduced: '1.19.0.cm2' }, { fixed: '1.20.7-1.cm2' }] }],
      ],
    ]);
    expect(row('CVE-2023-21980')).toEqual([['mariner:2.0', 'mysql', 'fixed', '8.0.33-1.cm2', []]]);
    expect(row('CVE-2022-3736')).toEqual([
      [
        'mariner:2.0',
        'bind',
        'no_fix_yet',
        undefined,
        [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '9.16.33-1.cm2' }] }],
      ],
    ]);
    expect(row('CVE-2023-0687')).toEqual([['mariner:2.0', 'glibc', 'not_affected', undefined, []]]);
    expect(byId(advisories, 'CVE-2023-29404').severities).toEqual([{ source: 'mariner', rating: 'critical' }]);
  });

  it('Azure Linux 3.0: the release from the .azl3 dist tag, dates from advisory_date', async () => {
    expect(await importer.detect(path.join(DIR, 'azure-linux-truncated-3.0-oval.xml'))).toBe(true);
    const { advisories } = await collect(importer, path.join(DIR, 'azure-linux-truncated-3.0-oval.xml'));
    expect(
      advisories.map((a) => [a.id, a.affected.map((r) => [r.namespace, r.package, r.fixedVersion]), a.published]),
    ).toEqual([
      ['CVE-2024-24258', [['azurelinux:3.0', 'freeglut', '3.4.0-1.azl3']], '2024-04-17T22:02:46.000Z'],
      ['CVE-2024-24259', [['azurelinux:3.0', 'freeglut', '3.4.0-1.azl3']], '2024-04-17T22:02:46.000Z'],
      ['CVE-2020-27304', [['azurelinux:3.0', 'ceph', '18.2.1-1.azl3']], '2024-04-17T22:02:46.000Z'],
    ]);
  });
});
