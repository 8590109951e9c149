import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import { contextFromLayers, testLayer, type LayerContents } from '../common/testdata/context.js';
import { fixtureImage, layerFiles } from '../npm/testdata/fixture-files.js';
import { rubyCataloger } from './cataloger.js';
import { readGemspec } from './gemspec.js';

/** Real gemspecs of the big fixture's layer 1 (ruby 3.1, rubygems-integration, Debian's ruby-* packages). */
const MEMBERS = [
  'usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec',
  'usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec',
  'usr/share/rubygems-integration/all/specifications/webrick-1.8.1.gemspec',
  'usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/specifications/sdbm-1.0.0.gemspec',
];
let layer: LayerContents;
beforeAll(() => {
  const files = layerFiles(fixtureImage('big.docker.tar'), 1, MEMBERS);
  layer = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/${k}`, v]));
});

describe('rubyCataloger.wants', () => {
  it('takes gemspecs directly in a specifications directory, and default gems', () => {
    for (const m of MEMBERS) expect(rubyCataloger.wants(`/${m}`), m).toBe(true);
    for (const p of [
      '/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/rbs.gemspec',
      '/srv/app/specifications/x/y/z.gemspec',
      '/srv/app/foo.gemspec',
    ]) {
      expect(rubyCataloger.wants(p), p).toBe(false);
    }
  });
});

describe('readGemspec', () => {
  it('reads the assignments RubyGems generates, including a non-UTF-8 default gemspec', () => {
    const read = (m: string) => readGemspec(layer[`/${m}`]!.toString('utf8'));
    expect(read(MEMBERS[0])).toEqual({ name: 'rake', version: '13.0.6', licenses: ['MIT'] });
    expect(read(MEMBERS[1])).toEqual({ name: 'json', version: '2.6.1', licenses: ['Ruby'] });
    expect(read(MEMBERS[2])).toEqual({ name: 'webrick', version: '1.8.1', licenses: ['Ruby', 'BSD-2-Clause'] });
  });

  it('accepts Gem::Version.new, %q{} literals, a single license, and the stub line as a fallback', () => {
    expect(
      readGemspec(
        'Gem::Specification.new do |spec|\n  spec.name = %q{nokogiri}\n  spec.version = Gem::Version.new("1.13.10")\n  spec.license = "MIT"\nend\n',
      ),
    ).toEqual({
      name: 'nokogiri',
      version: '1.13.10',
      licenses: ['MIT'],
    });
    expect(
      readGemspec('# stub: racc 1.6.0 ruby lib\nGem::Specification.new do |s|\n  s.version = Racc::VERSION\nend\n'),
    ).toEqual({ name: 'racc', version: '1.6.0', licenses: [] });
    expect(readGemspec('Gem::Specification.new do |s|\n  s.summary = "x"\nend\n')).toEqual({ error: 'has no name' });
  });
});

describe('rubyCataloger.catalog', () => {
  it('reports every gem with a gem purl; default gems are marked', () => {
    const { packages, warnings } = rubyCataloger.catalog(contextFromLayers([layer], undefined, rubyCataloger.wants));
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.purl, p.metadata?.defaultGem ?? false])).toEqual([
      ['json', '2.6.1', 'pkg:gem/json@2.6.1', true],
      ['rake', '13.0.6', 'pkg:gem/rake@13.0.6', false],
      ['sdbm', '1.0.0', 'pkg:gem/sdbm@1.0.0', false],
      ['webrick', '1.8.1', 'pkg:gem/webrick@1.8.1', false],
    ]);
    expect(packages[1]).toMatchObject({
      type: 'gem',
      foundBy: 'ruby',
      licenses: ['MIT'],
      locations: [{ path: `/${MEMBERS[0]}`, layerDiffId: testLayer(0).diffId }],
    });
  });

  it('warns about a gemspec it cannot read and goes on', () => {
    const { packages, warnings } = rubyCataloger.catalog(
      contextFromLayers([{ ...layer, '/srv/specifications/bad.gemspec': 'garbage' }], undefined, rubyCataloger.wants),
    );
    expect(packages).toHaveLength(4);
    expect(warnings).toEqual([{ path: '/srv/specifications/bad.gemspec', message: 'gemspec has no name; skipped' }]);
  });
});

describe('gems Bundler installed from git', () => {
  const CHECKOUT = '/srv/app/vendor/bundle/ruby/3.1.0/bundler/gems/rack-c8325022777d';
  const gemspec = readFileSync(path.join(import.meta.dirname, 'testdata', 'bundler-git', 'rack.gemspec'));

  it('are listed from the checkout, not matched, and warned about', () => {
    const ctx = contextFromLayers([{ [`${CHECKOUT}/rack.gemspec`]: gemspec }], undefined, rubyCataloger.wants);
    const { packages, warnings } = rubyCataloger.catalog(ctx);
    expect(packages.map((p) => [p.purl, p.metadata, resolvedOutsideRegistry(p)])).toEqual([
      ['pkg:gem/rack@2.2.3', { resolvedFrom: 'git', resolvedRef: 'bundler checkout of commit c8325022777d' }, 'git'],
    ]);
    expect(warnings).toEqual([
      {
        path: `${CHECKOUT}/rack.gemspec`,
        message:
          '1 dependency is not from rubygems.org, so RubyGems advisories do not apply and its vulnerabilities could not be assessed: ' +
          'rack (a git repository: bundler checkout of commit c8325022777d)',
      },
    ]);
  });

  it('whose gemspec sets the version in code are warned about by name, not dropped silently', () => {
    // Bundler writes the evaluated spec into the checkout; a repository's own gemspec, left as
    // it was, often computes the version.
    const computed = gemspec
      .toString('utf8')
      .replace('# stub: rack 2.2.3 ruby lib\n', '')
      .replace('s.version = "2.2.3"', 's.version = Rack::RELEASE');
    const ctx = contextFromLayers([{ [`${CHECKOUT}/rack.gemspec`]: computed }], undefined, rubyCataloger.wants);
    expect(rubyCataloger.catalog(ctx)).toEqual({
      packages: [],
      warnings: [
        {
          path: `${CHECKOUT}/rack.gemspec`,
          message:
            'gem rack was installed by Bundler from a git repository (commit c8325022777d) and its gemspec (rack) has no version: ' +
            'it is not listed, and its vulnerabilities could not be assessed',
        },
      ],
    });
  });

  it('are wanted only at the top of a checkout', () => {
    expect(rubyCataloger.wants(`${CHECKOUT}/rack.gemspec`)).toBe(true);
    expect(rubyCataloger.wants(`${CHECKOUT}/test/fixtures/other.gemspec`)).toBe(false);
    expect(rubyCataloger.wants('/srv/app/vendor/bundle/ruby/3.1.0/bundler/gems/rack/rack.gemspec')).toBe(false);
  });
});
