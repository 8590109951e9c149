/**
 * From os-release to the namespaces looked up, for the distributions of issue 14 part A:
 * the detector keeps each os-release ID, and the matchers turn it into the namespace (and,
 * for RHEL rebuilds, Red Hat's fallback) the importers write.
 */
import { describe, expect, it } from 'vitest';
import { contextFromLayers } from '../catalogers/common/testdata/context.js';
import { osReleaseDetector } from '../catalogers/os-release/detector.js';
import type { AffectedRow } from '../db/queries.js';
import { planQueries } from './index.js';
import { pkg, sbomOf } from './testdata/sbom.js';

const detect = (text: string) =>
  osReleaseDetector.detect(contextFromLayers([{ '/etc/os-release': text }], undefined, osReleaseDetector.wants).files)
    .distro;

describe('os-release of Wolfi, Chainguard, MinimOS, AlmaLinux and Rocky Linux', () => {
  it.each([
    ['ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\n', 'wolfi', 'wolfi:rolling'],
    ['ID=chainguard\nNAME="Chainguard"\nVERSION_ID="20230214"\n', 'chainguard', 'chainguard:rolling'],
    ['ID=minimos\nNAME="MinimOS"\nVERSION_ID="20241031"\n', 'minimos', 'minimos:rolling'],
  ])('%j → %s apks in %s, by origin', (text, id, namespace) => {
    const distro = detect(text);
    expect(distro?.id).toBe(id);
    const [planned] = planQueries(
      sbomOf([pkg('apk', 'libcurl-openssl4', '7.85.0-r0', { sourceName: 'curl' })], distro),
    );
    expect(planned.query).toMatchObject({ namespace, name: 'curl', version: '7.85.0-r0' });
    expect(planned.query.fallback).toBeUndefined();
  });

  it.each([
    ['NAME="AlmaLinux"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n', 'almalinux:9'],
    ['NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.7"\n', 'rocky:8'],
  ])("%j → the binary rpm in %s first, then its source rpm in Red Hat's release", (text, namespace) => {
    const distro = detect(text);
    const [planned] = planQueries(
      sbomOf([pkg('rpm', 'python3-libs', '3.9.18-1.el9', { sourceName: 'python3.9' })], distro),
    );
    expect(planned.query).toMatchObject({ namespace, name: 'python3-libs', version: '3.9.18-1.el9' });
    expect(planned.query.fallback).toMatchObject({
      namespace: `redhat:${namespace.split(':')[1]}`,
      name: 'python3.9',
      ownName: 'python3-libs',
    });
  });

  it('a rebuild row for a module stream meets only that stream; "module *" any modular rpm; none only non-modular rpms', () => {
    const distro = { id: 'rocky', versionId: '9.3' };
    const row = (note?: string) =>
      ({
        vulnId: 'CVE-2024-27280',
        namespace: 'rocky:9',
        package: 'ruby',
        status: 'fixed',
        ranges: [],
        versions: [],
        source: 'rocky-osv',
        ...(note ? { note } : {}),
      }) as unknown as AffectedRow;
    const [modular, plain] = planQueries(
      sbomOf(
        [
          pkg('rpm', 'ruby', '3.3.0-1.module+el9.3.0+17000+abcdef12', {
            metadata: { modularityLabel: 'ruby:3.3:9030020231201000000:8cf767d6' },
          }),
          pkg('rpm', 'ruby', '3.0.4-160.el9_0'),
        ],
        distro,
      ),
    );
    expect(
      [row('module ruby:3.3'), row('module ruby:3.1'), row('module *'), row()].map((r) => modular.query.accepts!(r)),
    ).toEqual([true, false, true, false]);
    expect([row('module ruby:3.3'), row('module *'), row()].map((r) => plain.query.accepts!(r))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('apks of an Alpine image never meet the rolling namespaces, and rpms of RHEL have no fallback', () => {
    const [alpine] = planQueries(
      sbomOf([pkg('apk', 'curl', '8.9.0-r0', { sourceName: 'curl' })], { id: 'alpine', versionId: '3.20.3' }),
    );
    expect(alpine.query.namespace).toBe('alpine:3.20');
    const [rhel] = planQueries(
      sbomOf([pkg('rpm', 'python3-libs', '3.9.18-1.el9', { sourceName: 'python3.9' })], {
        id: 'rhel',
        versionId: '9.5',
      }),
    );
    expect(rhel.query).toMatchObject({ namespace: 'redhat:9', name: 'python3.9' });
    expect(rhel.query.fallback).toBeUndefined();
  });
});
