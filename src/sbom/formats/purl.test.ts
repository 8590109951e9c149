/**
 * Purls as SBOM tools write them, for real packages of the real Debian image
 * (../shared/images/debian-bookworm-minbase.truth/dpkg.tsv) and real language packages:
 * the type, the name as airlock's matchers look it up, the epoch, the source package.
 */
import { describe, expect, it } from 'vitest';
import { distroOf, readPurl } from './purl.js';

const facts = (purl: string, componentName?: string) => {
  const read = readPurl(purl, componentName);
  if (!read.ok) throw new Error(read.reason);
  return read.facts;
};

describe('readPurl', () => {
  it('Syft and airlock: epoch in the version, upstream=source@version for a binNMU', () => {
    expect(
      facts(
        'pkg:deb/debian/bsdutils@1%3A2.38.1-5%2Bdeb12u3?arch=amd64&upstream=util-linux%402.38.1-5%2Bdeb12u3&distro=debian-12',
      ),
    ).toEqual({
      type: 'deb',
      name: 'bsdutils',
      version: '1:2.38.1-5+deb12u3',
      arch: 'amd64',
      sourceName: 'util-linux',
      sourceVersion: '2.38.1-5+deb12u3',
      distro: { id: 'debian', versionId: '12' },
    });
    expect(
      facts('pkg:deb/debian/bash@5.2.15-2%2Bb13?arch=amd64&upstream=bash%405.2.15-2&distro=debian-12'),
    ).toMatchObject({ name: 'bash', version: '5.2.15-2+b13', sourceName: 'bash', sourceVersion: '5.2.15-2' });
  });

  it('Trivy: the epoch as a qualifier, a point release in distro', () => {
    expect(facts('pkg:deb/debian/bsdutils@2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12.11&epoch=1')).toMatchObject({
      version: '1:2.38.1-5+deb12u3',
      distro: { id: 'debian', versionId: '12.11' },
    });
  });

  it('Docker Scout: os_name, os_version and os_distro', () => {
    expect(
      facts('pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?os_distro=bookworm&os_name=debian&os_version=12').distro,
    ).toEqual({ id: 'debian', versionId: '12', codename: 'bookworm' });
  });

  it('a release without VERSION_ID is written by codename', () => {
    expect(distroOf({ distro: 'debian-trixie' })).toEqual({ id: 'debian', codename: 'trixie' });
    expect(distroOf({ distro: 'alpine-3.20.3' })).toEqual({ id: 'alpine', versionId: '3.20.3' });
  });

  it('names language packages the way their advisories do', () => {
    expect(facts('pkg:npm/%40babel/traverse@7.22.5').name).toBe('@babel/traverse');
    expect(facts('pkg:maven/org.yaml/snakeyaml@1.33').name).toBe('org.yaml:snakeyaml');
    expect(facts('pkg:golang/golang.org/x/net@v0.17.0').name).toBe('golang.org/x/net');
    expect(facts('pkg:composer/guzzlehttp/psr7@2.4.4').name).toBe('guzzlehttp/psr7');
    expect(facts('pkg:pypi/urllib3@1.26.5')).toMatchObject({ type: 'pypi', name: 'urllib3' });
    // A jar known only by its artifact id repeats it as the group, as Syft and airlock write it.
    expect(facts('pkg:maven/jline/jline@2.14.6', 'jline').name).toBe('jline');
    expect(facts('pkg:maven/junit/junit@4.13.2', 'junit:junit').name).toBe('junit:junit');
  });

  it('rpm: the source rpm file name gives the source package', () => {
    expect(
      facts(
        'pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-27.el9.src.rpm&distro=rhel-9.4',
      ),
    ).toMatchObject({
      name: 'openssl-libs',
      version: '1:3.0.7-27.el9',
      sourceName: 'openssl',
      distro: { id: 'rhel', versionId: '9.4' },
    });
  });

  it('refuses what no matcher reads, saying why', () => {
    expect(readPurl('pkg:generic/openssl@3.0.13')).toEqual({
      ok: false,
      reason: 'purl type generic is not one airlock matches',
    });
    expect(readPurl('pkg:npm/left-pad')).toEqual({ ok: false, reason: 'purl pkg:npm/left-pad has no version' });
    expect(readPurl('not a purl')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unreadable purl "not a purl"'),
    });
  });
});
