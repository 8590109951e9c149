import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import { contextFromLayers, type LayerContents } from '../common/testdata/context.js';
import { pythonCataloger } from './cataloger.js';
import { sourceOfDirectUrl } from './direct-url.js';

/** What real pip wrote for one project per way of installing it (testdata/direct-url/README.md). */
const ROOT = path.join(import.meta.dirname, 'testdata', 'direct-url');
function sites(): LayerContents {
  const files: LayerContents = {};
  for (const site of readdirSync(ROOT).filter((d) => d.endsWith('-site')))
    for (const dist of readdirSync(path.join(ROOT, site)))
      for (const name of readdirSync(path.join(ROOT, site, dist)))
        files[`/opt/${site}/${dist}/${name}`] = readFileSync(path.join(ROOT, site, dist, name));
  return files;
}

describe('python packages installed from outside PyPI (direct_url.json)', () => {
  it("lists each as pip recorded it, unmatched when it is not PyPI's release, with one warning per package", () => {
    const ctx = contextFromLayers([sites()], undefined, pythonCataloger.wants);
    const { packages, warnings } = pythonCataloger.catalog(ctx);
    expect(packages.map((p) => [p.locations[0].path, p.purl, p.metadata ?? {}, resolvedOutsideRegistry(p)])).toEqual([
      ['/opt/archive-site/Jinja2-2.10.dist-info/METADATA', 'pkg:pypi/jinja2@2.10', {}, undefined],
      [
        '/opt/dir-site/requests-2.19.1.dist-info/METADATA',
        'pkg:pypi/requests@2.19.1',
        { resolvedFrom: 'file', resolvedRef: 'file:///srv/src/requests-dir' },
        'file',
      ],
      [
        '/opt/edit-site/requests-2.19.1.dist-info/METADATA',
        'pkg:pypi/requests@2.19.1',
        { resolvedFrom: 'file', resolvedRef: 'file:///srv/src/requests-dir (editable)' },
        'file',
      ],
      [
        '/opt/git-site/Jinja2-2.10.dist-info/METADATA',
        `pkg:pypi/jinja2@2.10?vcs_url=${encodeURIComponent('git+file:///srv/src/jinja2-git@f0ce7211c362580570d2702030ff8724ad7392be')}`,
        { resolvedFrom: 'git', resolvedRef: 'git+file:///srv/src/jinja2-git@f0ce7211c362580570d2702030ff8724ad7392be' },
        'git',
      ],
      ['/opt/index-site/Jinja2-2.10.dist-info/METADATA', 'pkg:pypi/jinja2@2.10', {}, undefined],
    ]);
    const not = 'not from PyPI, so PyPI advisories do not apply and its vulnerabilities could not be assessed';
    expect(warnings).toEqual([
      {
        path: '/opt/dir-site/requests-2.19.1.dist-info/METADATA',
        message: `1 dependency is ${not}: requests (a local path: file:///srv/src/requests-dir)`,
      },
      {
        path: '/opt/edit-site/requests-2.19.1.dist-info/METADATA',
        message: `1 dependency is ${not}: requests (a local path: file:///srv/src/requests-dir (editable))`,
      },
      {
        path: '/opt/git-site/Jinja2-2.10.dist-info/METADATA',
        message: `1 dependency is ${not}: Jinja2 (a git repository: git+file:///srv/src/jinja2-git@f0ce7211c362580570d2702030ff8724ad7392be)`,
      },
    ]);
  });

  it('wants direct_url.json beside METADATA, but never reads it as a package', () => {
    expect(pythonCataloger.wants('/x/foo-1.0.dist-info/direct_url.json')).toBe(true);
    const ctx = contextFromLayers(
      [{ '/x/foo-1.0.dist-info/direct_url.json': '{"url": "file:///src", "dir_info": {}}' }],
      undefined,
      pythonCataloger.wants,
    );
    expect(pythonCataloger.catalog(ctx)).toEqual({ packages: [], warnings: [] });
  });
});

describe('sourceOfDirectUrl', () => {
  const of = (json: unknown, name = 'Jinja2', version = '2.10') =>
    sourceOfDirectUrl(JSON.stringify(json), name, version);

  it('takes a release file of that name and version as the release, wherever it was fetched from', () => {
    const hashes = { archive_info: { hashes: { sha256: 'e9d2' } } };
    expect(
      of({ url: 'https://files.pythonhosted.org/packages/7f/ff/Jinja2-2.10-py2.py3-none-any.whl', ...hashes }),
    ).toBe(undefined);
    expect(of({ url: 'https://mirror.example/simple/jinja2/jinja2-2.10.tar.gz', ...hashes })).toBe(undefined);
    expect(
      of(
        { url: 'file:///wheels/zope.interface-5.4.0-cp311-cp311-linux_x86_64.whl', ...hashes },
        'zope-interface',
        '5.4.0',
      ),
    ).toBe(undefined);
  });

  it('keeps any other archive as the URL or path it came from', () => {
    expect(of({ url: 'https://github.com/pallets/jinja/archive/refs/heads/main.zip', archive_info: {} })).toEqual({
      kind: 'tarball',
      ref: 'https://github.com/pallets/jinja/archive/refs/heads/main.zip',
    });
    // A release file of another version is not this release.
    expect(of({ url: 'file:///wheels/Jinja2-2.11.3-py2.py3-none-any.whl', archive_info: {} })).toEqual({
      kind: 'file',
      ref: 'file:///wheels/Jinja2-2.11.3-py2.py3-none-any.whl',
    });
  });

  it('writes a VCS other than git as purl spells it, and takes a broken file as saying nothing', () => {
    expect(of({ url: 'https://hg.example/jinja', vcs_info: { vcs: 'hg', commit_id: '4d2e' } })).toEqual({
      kind: 'vcs',
      ref: 'hg+https://hg.example/jinja@4d2e',
    });
    expect(sourceOfDirectUrl('{"url": ', 'Jinja2', '2.10')).toBe(undefined);
    expect(of({ url: 'file:///src' })).toBe(undefined);
  });
});
