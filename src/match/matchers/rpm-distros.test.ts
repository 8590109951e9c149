/** Where the rpm distros' packages are looked up, and which Oracle rows meet which rpms. */
import { describe, expect, it } from 'vitest';
import type { AffectedRow } from '../../db/queries.js';
import type { Package } from '../../sbom/model.js';
import { rpmDistroMatcher, rpmDistroNamespace } from './rpm-distros.js';

const rpm = (name: string, version: string, arch: string, sourceName = name): Package => ({
  type: 'rpm',
  name,
  version,
  arch,
  sourceName,
  purl: `pkg:rpm/${name}@${version}`,
  licenses: [],
  locations: [],
  foundBy: 'rpm',
});
const row = (note?: string): AffectedRow => ({
  vulnId: 'CVE-1',
  source: 'oracle-oval',
  namespace: 'oracle:8',
  package: 'openssl',
  status: 'fixed',
  ranges: [],
  versions: [],
  ...(note ? { note } : {}),
});

describe('rpmDistroNamespace', () => {
  it.each([
    ['amzn', '2', 'amazon:2'],
    ['amzn', '2022', 'amazon:2022'],
    ['amzn', '2023', 'amazon:2023'],
    ['amzn', '2018.03', 'amazon:1'],
    ['ol', '8.10', 'oracle:8'],
    ['ol', '7.9', 'oracle:7'],
    ['sles', '15.5', 'sles:15.5'],
    ['sles_sap', '15.4', 'sles:15.4'],
    ['opensuse-leap', '15.6', 'opensuse-leap:15.6'],
    ['mariner', '2.0', 'mariner:2.0'],
    ['azurelinux', '3.0', 'azurelinux:3.0'],
    ['photon', '4.0', 'photon:4.0'],
    ['photon', '5', 'photon:5.0'],
  ])('%s %s → %s', (id, versionId, namespace) => {
    expect(rpmDistroNamespace({ id, versionId })).toBe(namespace);
  });

  it("no namespace without a release, for Red Hat's family (its own matcher) or for distros with no data", () => {
    expect(rpmDistroNamespace({ id: 'amzn' })).toBeUndefined();
    expect(rpmDistroNamespace({ id: 'amzn', versionId: '3' })).toBeUndefined();
    expect(rpmDistroNamespace({ id: 'rhel', versionId: '9.5' })).toBeUndefined();
    expect(rpmDistroNamespace({ id: 'opensuse-tumbleweed', versionId: '20241201' })).toBeUndefined();
  });
});

describe('rpmDistroMatcher', () => {
  it('Amazon: by source rpm, compared without the epoch its pages never show', () => {
    expect(
      rpmDistroMatcher.query(
        rpm('java-1.8.0-openjdk-headless', '1:1.8.0.151-1.b12.amzn2', 'x86_64', 'java-1.8.0-openjdk'),
        { id: 'amzn', versionId: '2' },
      ),
    ).toEqual({
      namespace: 'amazon:2',
      name: 'java-1.8.0-openjdk',
      version: '1.8.0.151-1.b12.amzn2',
    });
  });

  it('Oracle: Ksplice rows only for Ksplice builds; arch rows only for that arch (noarch meets every arch)', () => {
    const plain = rpmDistroMatcher.query(rpm('openssl-libs', '1:1.1.1k-12.el8_9', 'x86_64', 'openssl'), {
      id: 'ol',
      versionId: '8.9',
    })!;
    const ksplice = rpmDistroMatcher.query(rpm('openssl-libs', '2:1.1.1g-14.ksplice1.el8_3', 'x86_64', 'openssl'), {
      id: 'ol',
      versionId: '8.9',
    })!;
    expect([
      plain.accepts!(row()),
      plain.accepts!(row('ksplice')),
      plain.accepts!(row('arch x86_64')),
      plain.accepts!(row('arch aarch64')),
    ]).toEqual([true, false, true, false]);
    expect([
      ksplice.accepts!(row()),
      ksplice.accepts!(row('ksplice')),
      ksplice.accepts!(row('ksplice; arch aarch64')),
    ]).toEqual([false, true, false]);
    expect(plain.variant).not.toBe(ksplice.variant);
    const doc = rpmDistroMatcher.query(rpm('rsyslog-doc', '8.24.0-57.el7_9', 'noarch', 'rsyslog'), {
      id: 'ol',
      versionId: '7.9',
    })!;
    expect(doc.accepts!(row('arch aarch64'))).toBe(true);
  });

  it("OVAL and Photon distros: the source name, with the binary's own rows overruling it; non-rpm packages are not answered", () => {
    expect(
      rpmDistroMatcher.query(rpm('curl-libs', '7.88.1-3.ph4', 'x86_64', 'curl'), { id: 'photon', versionId: '4.0' }),
    ).toEqual({
      namespace: 'photon:4.0',
      name: 'curl',
      ownName: 'curl-libs',
      version: '7.88.1-3.ph4',
    });
    expect(
      rpmDistroMatcher.query({ ...rpm('curl', '1', 'x86_64'), type: 'deb' }, { id: 'photon', versionId: '4.0' }),
    ).toBeUndefined();
  });
});
