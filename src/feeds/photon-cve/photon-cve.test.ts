/** The Photon OS importer on Photon's real per-release CVE lists. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer } from './index.js';
import { normalizePhotonEntry } from './normalize.js';

const DIR = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/photon/test-fixtures/input');

describe('photon-cve importer', () => {
  it('claims cve_data_photon<release>.json only', async () => {
    expect(await importer.detect(path.join(DIR, 'cve_data_photon4.0.json'))).toBe(true);
    expect(await importer.detect(path.join(DIR, 'photon.wiki/Security-Update-4.0-500.md'))).toBe(false);
    expect(await importer.detect(DIR)).toBe(false);
  });

  it('Photon 4.0: fixed rows by package, not-affected rows, and no claim from a "Fixed" without a version', async () => {
    const { advisories, warnings } = await collect(importer, path.join(DIR, 'cve_data_photon4.0.json'));
    expect(warnings).toEqual([]);
    expect(
      advisories.map((a) => [a.id, ...a.affected.map((r) => [r.namespace, r.package, r.status, r.fixedVersion])]),
    ).toEqual([
      ['CVE-2023-38545', ['photon:4.0', 'curl', 'fixed', '7.88.1-4.ph4']],
      ['CVE-2023-38546', ['photon:4.0', 'curl', 'fixed', '7.88.1-4.ph4']],
      ['CVE-2023-38546', ['photon:4.0', 'curl-libs', 'fixed', '7.88.1-4.ph4']],
      ['CVE-2023-44487', ['photon:4.0', 'nghttp2', 'fixed', '1.57.0-1.ph4']],
      ['CVE-2023-44487', ['photon:4.0', 'httpd', 'not_affected', undefined]],
      ['BDSA-2025-0719', ['photon:4.0', 'krb5-devel', 'fixed', '1.17-15.ph4']],
    ]);
    expect(advisories[0].severities).toEqual([{ source: 'photon', rating: 'critical', score: 9.8 }]);
  });

  it('Photon 1.0 rows are in photon:1.0; a malformed entry is a counted warning', async () => {
    const { advisories } = await collect(importer, path.join(DIR, 'cve_data_photon1.0.json'));
    expect(new Set(advisories.flatMap((a) => a.affected.map((r) => r.namespace)))).toEqual(new Set(['photon:1.0']));
    expect(() => normalizePhotonEntry({ pkg: 'curl' }, '4.0')).toThrow('entry has no cve_id or pkg');
    expect(
      normalizePhotonEntry({ cve_id: 'CVE-1', pkg: 'x', status: 'Vulnerable', res_ver: 'NA' }, '5.0')?.affected,
    ).toEqual([{ namespace: 'photon:5.0', package: 'x', status: 'no_fix_yet', ranges: [], versions: [] }]);
  });
});
