/** The SUSE OVAL importer on SUSE's real (truncated) OVAL file. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId, collect } from '../testdata/collect.js';
import { importer } from './index.js';
import { productNamespace } from './normalize.js';

const FILE = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/sles/test-fixtures/suse_truncated.xml');

describe('suse-oval importer', () => {
  it('rows per service pack from the release-package tests; "is not affected" rows; a test with an unknown operation gives none', async () => {
    expect(await importer.detect(FILE)).toBe(true);
    const { advisories, warnings, dataDate } = await collect(importer, FILE);
    expect(warnings).toEqual([]);
    expect(advisories.map((a) => a.id)).toEqual(['CVE-1999-0524', 'CVE-2021-29154', 'CVE-2010-1323', 'CVE-2026-34073']);
    expect(
      byId(advisories, 'CVE-2021-29154').affected.map((a) => [a.namespace, a.package, a.status, a.fixedVersion]),
    ).toEqual([
      ['sles:15', 'kernel-default', 'fixed', '4.12.14-150.72.1'],
      ['sles:15.1', 'kernel-default', 'fixed', '4.12.14-197.89.2'],
    ]);
    expect(byId(advisories, 'CVE-1999-0524').affected.map((a) => [a.namespace, a.package, a.status])).toEqual([
      ['sles:15', 'kernel-default', 'not_affected'],
      ['sles:15', 'kernel-source', 'not_affected'],
    ]);
    // krb5's state says operation="6", which is no OVAL operation: no claim is made from it.
    expect(byId(advisories, 'CVE-2010-1323').affected).toEqual([]);
    expect(byId(advisories, 'CVE-2021-29154').severities).toEqual([{ source: 'suse', rating: 'high' }]);
    expect(dataDate).toBe('2021-07-16T05:18:42.000Z');
  });

  it('a product criterion whose test is missing is placed by its comment', () => {
    expect(
      productNamespace({
        kind: 'criterion',
        testRef: 'x',
        negate: false,
        comment: 'SUSE Linux Enterprise Server 15 SP3-LTSS is installed',
      }),
    ).toBe('sles:15.3');
    expect(
      productNamespace({
        kind: 'criterion',
        testRef: 'x',
        negate: false,
        comment: 'SUSE Linux Enterprise Module for Basesystem 15 is installed',
      }),
    ).toBe('sles:15');
    expect(
      productNamespace({ kind: 'criterion', testRef: 'x', negate: false, comment: 'openSUSE Leap 15.6 is installed' }),
    ).toBe('opensuse-leap:15.6');
    expect(
      productNamespace({ kind: 'criterion', testRef: 'x', negate: false, comment: 'kernel-default is not affected' }),
    ).toBeUndefined();
  });
});
