import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Package } from '../../sbom/model.js';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { dpkgCataloger } from '../dpkg/cataloger.js';
import { dpkgFileOwners } from '../dpkg/file-lists.js';
import { extractFromImage, fixturePath } from '../java/testdata/jars.js';
import type { FileOwners, WantedFile } from '../types.js';
import { markOwnedPackages } from './mark-owned.js';

/**
 * dpkg's real file lists and status from the app fixture image, extracted layer over
 * layer without applying whiteouts: the lists of liblog4j2-java, purged by the last
 * layer, are still there, while the status file is the final one.
 */
let lists: WantedFile[];
let status: Buffer;
let cleanup: () => void;

beforeAll(() => {
  const extracted = extractFromImage(fixturePath('app.docker.tar'), [
    'var/lib/dpkg/info/*.list',
    'var/lib/dpkg/status',
  ]);
  cleanup = extracted.cleanup;
  const dir = path.join(extracted.root, 'var/lib/dpkg/info');
  lists = readdirSync(dir).map((f) => ({
    path: `/var/lib/dpkg/info/${f}`,
    content: readFileSync(path.join(dir, f)),
    layer: testLayer(0),
  }));
  status = readFileSync(path.join(extracted.root, 'var/lib/dpkg/status'));
});
afterAll(() => cleanup?.());

function pkg(type: Package['type'], name: string, location: string): Package {
  return {
    type,
    name,
    version: '1',
    purl: `pkg:${type}/${name}@1`,
    licenses: [],
    locations: [{ path: location }],
    foundBy: 'test',
  };
}

const installed = (...names: string[]) => new Set(names);

describe('dpkg file lists', () => {
  it('name the package that installed a path, reading <name>:<arch>.list as <name>', () => {
    const owners = dpkgFileOwners(lists, installed('libhttpclient-java', 'libc6', 'python3-requests'));
    const asked = new Set([
      '/usr/share/java/httpclient.jar',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO',
      '/app/lib/log4j-core-2.19.0.jar',
    ]);
    expect(Object.fromEntries(owners.ownersOf(asked))).toEqual({
      '/usr/share/java/httpclient.jar': 'libhttpclient-java',
      '/lib/x86_64-linux-gnu/libc.so.6': 'libc6',
      '/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO': 'python3-requests',
    });
  });

  it('come with the dpkg cataloger, which wants them and leaves out the lists of packages no longer installed', () => {
    expect(dpkgCataloger.wants('/var/lib/dpkg/info/libc6:amd64.list')).toBe(true);
    expect(dpkgCataloger.wants('/var/lib/dpkg/info/libc6:amd64.md5sums')).toBe(false);
    const layer = Object.fromEntries([['/var/lib/dpkg/status', status], ...lists.map((l) => [l.path, l.content])]);
    const result = dpkgCataloger.catalog(contextFromLayers([layer], undefined, dpkgCataloger.wants));
    expect(result.fileOwners?.type).toBe('deb');
    const owners = result.fileOwners!.ownersOf(
      new Set(['/usr/share/java/httpclient.jar', '/usr/share/java/log4j-core.jar']),
    );
    expect(Object.fromEntries(owners)).toEqual({ '/usr/share/java/httpclient.jar': 'libhttpclient-java' });
  });

  it('ignore the lists of packages dpkg does not report as installed', () => {
    // liblog4j2-java is purged by the image's last layer; its .list is still in these first two layers.
    const asked = new Set(['/usr/share/java/log4j-core.jar']);
    expect(
      dpkgFileOwners(lists, installed('liblog4j2-java')).ownersOf(asked).get('/usr/share/java/log4j-core.jar'),
    ).toBe('liblog4j2-java');
    expect(dpkgFileOwners(lists, installed('libc6')).ownersOf(asked).size).toBe(0);
  });
});

describe('markOwnedPackages', () => {
  it('records the owner of application packages only, for nested archives and merged-/usr twins too', () => {
    const owners = dpkgFileOwners(lists, installed('libhttpclient-java', 'libc6', 'python3-requests'));
    const packages = [
      pkg('deb', 'libhttpclient-java', '/var/lib/dpkg/status'),
      pkg('maven', 'org.apache.httpcomponents:httpclient', '/usr/share/java/httpclient.jar'),
      pkg('maven', 'commons-codec:commons-codec', '/usr/share/java/httpclient-osgi.jar!/META-INF/lib/inner.jar'),
      pkg('pypi', 'requests', '/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO'),
      pkg('golang', 'stdlib', '/usr/lib/x86_64-linux-gnu/libc.so.6'), // reached through the /lib -> usr/lib link
      pkg('maven', 'org.apache.logging.log4j:log4j-core', '/app/lib/log4j-core-2.19.0.jar'),
    ];
    const marked = markOwnedPackages(packages, [owners]);
    expect(marked.map((p) => p.ownedBy)).toEqual([
      undefined,
      { type: 'deb', name: 'libhttpclient-java' },
      { type: 'deb', name: 'libhttpclient-java' },
      { type: 'deb', name: 'python3-requests' },
      { type: 'deb', name: 'libc6' },
      undefined,
    ]);
  });

  it('reports a package found twice at one place once, and asks each source only about application paths', () => {
    const asked: string[][] = [];
    const rpm: FileOwners = {
      type: 'rpm',
      ownersOf: (paths) => {
        asked.push([...paths]);
        return new Map([['/opt/app/lib/a.jar', 'app-libs']]);
      },
    };
    const jar = pkg('maven', 'g:a', '/opt/app/lib/a.jar');
    const marked = markOwnedPackages([pkg('rpm', 'app-libs', '/var/lib/rpm/rpmdb.sqlite'), jar, { ...jar }], [rpm]);
    expect(marked).toHaveLength(2);
    expect(marked[1].ownedBy).toEqual({ type: 'rpm', name: 'app-libs' });
    expect(asked).toEqual([['/opt/app/lib/a.jar']]);
  });
});
