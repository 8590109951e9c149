import { beforeAll, describe, expect, it } from 'vitest';
import { contextFromLayers, testLayer, type LayerContents } from '../common/testdata/context.js';
import { fixtureImage, layerFiles } from '../npm/testdata/fixture-files.js';
import { pythonCataloger } from './cataloger.js';
import { normalizePythonName, readDistMetadata } from './metadata.js';

/** Real metadata files of the app fixture's apt + venv layer (Debian's python3-* packages and `python3 -m venv`). */
const DIST = 'usr/lib/python3/dist-packages';
const VENV = 'opt/venv/lib/python3.11/site-packages';
const MEMBERS = [
  `${DIST}/charset_normalizer-3.0.1.dist-info/METADATA`,
  `${DIST}/six-1.16.0.egg-info/PKG-INFO`,
  `${DIST}/gyp-0.1.egg-info/PKG-INFO`,
  `${DIST}/requests-2.28.1.egg-info/PKG-INFO`,
  `${VENV}/setuptools-66.1.1.dist-info/METADATA`,
];
let layer: LayerContents;
beforeAll(() => {
  const files = layerFiles(fixtureImage('app.docker.tar'), 1, MEMBERS);
  layer = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/${k}`, v]));
});

describe('pythonCataloger.wants', () => {
  it('takes dist-info METADATA, egg-info PKG-INFO (directory or single file) and zipped-egg PKG-INFO', () => {
    for (const p of [
      `/${MEMBERS[0]}`,
      `/${MEMBERS[1]}`,
      '/usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info',
      '/srv/lib/foo-1.0-py3.11.egg/EGG-INFO/PKG-INFO',
    ]) {
      expect(pythonCataloger.wants(p), p).toBe(true);
    }
    for (const p of [
      '/usr/lib/python3/dist-packages/six-1.16.0.egg-info/top_level.txt',
      '/x/pip-23.0.1.dist-info/RECORD',
      '/x/METADATA',
    ]) {
      expect(pythonCataloger.wants(p), p).toBe(false);
    }
  });
});

describe('readDistMetadata', () => {
  it('takes License, else the License classifiers; UNKNOWN is no license', () => {
    const read = (m: string) => readDistMetadata(layer[`/${m}`]!.toString());
    expect(read(MEMBERS[3])).toEqual({ metadata: { name: 'requests', version: '2.28.1', licenses: ['Apache 2.0'] } });
    // setuptools 66 has no License field, only "Classifier: License :: OSI Approved :: MIT License".
    expect(read(MEMBERS[4])).toEqual({
      metadata: { name: 'setuptools', version: '66.1.1', licenses: ['MIT License'] },
    });
    expect(read(MEMBERS[2])).toEqual({ metadata: { name: 'gyp', version: '0.1', licenses: [] } });
  });

  it('prefers a PEP 639 License-Expression and explains what is missing', () => {
    expect(
      readDistMetadata(
        'Metadata-Version: 2.4\nName: x\nVersion: 1\nLicense-Expression: MIT OR Apache-2.0\nLicense: MIT\n',
      ),
    ).toEqual({
      metadata: { name: 'x', version: '1', licenses: ['MIT OR Apache-2.0'] },
    });
    expect(readDistMetadata('Metadata-Version: 2.1\nVersion: 1\n')).toEqual({ error: 'has no Name field' });
    expect(readDistMetadata('Name: x\n\nVersion: 1\n')).toEqual({ error: '(x) has no Version field' }); // the body is not headers
  });

  it('normalizes names as PEP 503 says', () => {
    expect(['charset_normalizer', 'Django', 'zope.interface', 'Foo__Bar-.baz'].map(normalizePythonName)).toEqual([
      'charset-normalizer',
      'django',
      'zope-interface',
      'foo-bar-baz',
    ]);
  });
});

describe('pythonCataloger.catalog', () => {
  it('reports each installed distribution with its path, layer and a normalized pypi purl', () => {
    const { packages, warnings } = pythonCataloger.catalog(
      contextFromLayers([layer], undefined, pythonCataloger.wants),
    );
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.purl, p.licenses])).toEqual([
      ['setuptools', '66.1.1', 'pkg:pypi/setuptools@66.1.1', ['MIT License']],
      ['charset-normalizer', '3.0.1', 'pkg:pypi/charset-normalizer@3.0.1', ['MIT']],
      ['gyp', '0.1', 'pkg:pypi/gyp@0.1', []],
      ['requests', '2.28.1', 'pkg:pypi/requests@2.28.1', ['Apache 2.0']],
      ['six', '1.16.0', 'pkg:pypi/six@1.16.0', ['MIT']],
    ]);
    expect(packages[4]).toMatchObject({
      type: 'pypi',
      foundBy: 'python',
      locations: [{ path: `/${MEMBERS[1]}`, layerDiffId: testLayer(0).diffId }],
      introducedByLayer: testLayer(0).diffId,
    });
  });

  it('warns about metadata without a name and keeps the rest', () => {
    const broken = { ...layer, '/srv/app/broken-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nVersion: 1.0\n' };
    const { packages, warnings } = pythonCataloger.catalog(
      contextFromLayers([broken], undefined, pythonCataloger.wants),
    );
    expect(packages).toHaveLength(5);
    expect(warnings).toEqual([
      { path: '/srv/app/broken-1.0.dist-info/METADATA', message: 'Python package metadata has no Name field; skipped' },
    ]);
  });
});
