import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromLayers, type LayerContents } from '../common/testdata/context.js';
import { osReleaseDetector } from './detector.js';

const testdata = (name: string) => readFileSync(path.join(import.meta.dirname, 'testdata', name), 'utf8');

function detect(contents: LayerContents) {
  const ctx = contextFromLayers([contents], undefined, osReleaseDetector.wants);
  return osReleaseDetector.detect(ctx.files);
}

describe('osReleaseDetector', () => {
  it('wants both os-release locations and the release files, nothing else', () => {
    for (const p of ['/etc/os-release', '/usr/lib/os-release', '/etc/debian_version', '/etc/alpine-release']) {
      expect(osReleaseDetector.wants(p)).toBe(true);
    }
    expect(osReleaseDetector.wants('/etc/os-release.bak')).toBe(false);
    expect(osReleaseDetector.wants('etc/os-release')).toBe(false);
  });

  it('reads Debian 12 from the real os-release of the bookworm image', () => {
    const { distro, warnings } = detect({
      '/usr/lib/os-release': testdata('debian-12.os-release'),
      '/etc/debian_version': '12.15\n',
    });
    expect(warnings).toEqual([]);
    expect(distro).toEqual({
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
  });

  it('matches the truth file of the bookworm image', () => {
    const truth = readFileSync(
      path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.truth/os-release'),
      'utf8',
    );
    const { distro } = detect({ '/etc/os-release': truth });
    expect(distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
  });

  it('reads Alpine 3.20.3 with its full VERSION_ID', () => {
    const { distro } = detect({
      '/etc/os-release': testdata('alpine-3.20.3.os-release'),
      '/etc/alpine-release': '3.20.3\n',
    });
    expect(distro).toEqual({ id: 'alpine', versionId: '3.20.3', prettyName: 'Alpine Linux v3.20' });
  });

  it('reads Ubuntu 22.04 with codename and ID_LIKE', () => {
    const { distro } = detect({ '/etc/os-release': testdata('ubuntu-22.04.os-release') });
    expect(distro).toEqual({
      id: 'ubuntu',
      versionId: '22.04',
      codename: 'jammy',
      prettyName: 'Ubuntu 22.04.4 LTS',
      idLike: ['debian'],
    });
  });

  it('prefers /etc/os-release over /usr/lib/os-release', () => {
    const { distro } = detect({
      '/etc/os-release': testdata('ubuntu-22.04.os-release'),
      '/usr/lib/os-release': testdata('debian-12.os-release'),
    });
    expect(distro?.id).toBe('ubuntu');
  });

  it('falls back to /usr/lib/os-release when /etc/os-release names no distribution', () => {
    const { distro, warnings } = detect({
      '/etc/os-release': '# emptied\n',
      '/usr/lib/os-release': testdata('debian-12.os-release'),
    });
    expect(distro?.versionId).toBe('12');
    expect(warnings).toEqual([{ path: '/etc/os-release', message: 'no ID field; the distribution is not named' }]);
  });

  it('keeps the testing codename from os-release when debian_version says <codename>/sid', () => {
    const { distro, warnings } = detect({
      '/etc/os-release': testdata('debian-trixie-sid.os-release'),
      '/etc/debian_version': 'trixie/sid\n',
    });
    expect(warnings).toEqual([]);
    expect(distro).toEqual({ id: 'debian', codename: 'trixie', prettyName: 'Debian GNU/Linux trixie/sid' });
  });

  it('maps VERSION_ID to a codename when os-release has none', () => {
    const jessie =
      'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\n';
    expect(detect({ '/etc/os-release': jessie }).distro?.codename).toBe('jessie');
    for (const [v, name] of [
      ['10', 'buster'],
      ['11', 'bullseye'],
      ['12', 'bookworm'],
      ['13', 'trixie'],
      ['14', 'forky'],
    ]) {
      expect(detect({ '/etc/os-release': `ID=debian\nVERSION_ID="${v}"\n` }).distro?.codename).toBe(name);
    }
  });

  it('falls back to /etc/debian_version without os-release', () => {
    expect(detect({ '/etc/debian_version': '12.4\n' }).distro).toEqual({
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(detect({ '/etc/debian_version': 'trixie/sid\n' }).distro).toEqual({
      id: 'debian',
      codename: 'trixie',
      prettyName: 'Debian GNU/Linux (trixie)',
    });
  });

  it('falls back to /etc/alpine-release without os-release', () => {
    expect(detect({ '/etc/alpine-release': '3.20.3\n' }).distro).toEqual({
      id: 'alpine',
      versionId: '3.20.3',
      prettyName: 'Alpine Linux v3.20',
    });
  });

  it('warns about an unreadable release file and still names the distribution', () => {
    const { distro, warnings } = detect({ '/etc/debian_version': 'not a release\n' });
    expect(distro).toEqual({ id: 'debian', prettyName: 'Debian GNU/Linux' });
    expect(warnings).toEqual([
      { path: '/etc/debian_version', message: 'not a Debian release number or <codename>/sid' },
    ]);
  });

  it('finds nothing in an image without release files', () => {
    expect(detect({})).toEqual({ warnings: [] });
  });
});
