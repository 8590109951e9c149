import { describe, expect, it } from 'vitest';
import { testLayer } from '../common/testdata/context.js';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import { golangCataloger } from './cataloger.js';
import { parseModInfo, versionFromLdflags } from './modinfo.js';

/**
 * Module-info text in the format runtime/debug.BuildInfo.String() writes. The docker CLI
 * lines are the real ones of docker 28.2.2 (`go version -m /usr/local/bin/docker`); the
 * replace lines follow the format of cmd/go's modload.PackageBuildInfo.
 */
const DOCKER = [
  'path\tgithub.com/docker/cli/cmd/docker',
  'mod\tgithub.com/docker/cli\t(devel)\t',
  'build\t-buildmode=pie',
  'build\t-ldflags=" -X \\"github.com/docker/cli/cli/version.GitCommit=e6534b4\\" -X \\"github.com/docker/cli/cli/version.BuildTime=2025-05-30T12:07:14Z\\" -X \\"github.com/docker/cli/cli/version.Version=28.2.2\\" -extldflags -static"',
  'build\t-tags=osusergo,pkcs11',
  '',
].join('\n');

const REPLACED = [
  'path\texample.com/app',
  'mod\texample.com/app\tv1.0.0\th1:abc=',
  'dep\tgolang.org/x/net\tv0.0.0-20190620200207-3b0461eec859\th1:def=',
  '=>\tgolang.org/x/net\tv0.7.0\th1:ghi=',
  'dep\tgithub.com/example/forked\tv1.2.0\th1:jkl=',
  '=>\t../forked\t',
  'dep\tgithub.com/example/plain\tv2.0.0+incompatible\th1:mno=',
  '',
].join('\n');

describe('parseModInfo', () => {
  it('reads path, main module, dependencies with their replacements, and quoted build settings', () => {
    const info = parseModInfo(REPLACED);
    expect(info.path).toBe('example.com/app');
    expect(info.main).toEqual({ path: 'example.com/app', version: 'v1.0.0', sum: 'h1:abc=' });
    expect(info.deps).toEqual([
      {
        path: 'golang.org/x/net',
        version: 'v0.0.0-20190620200207-3b0461eec859',
        sum: 'h1:def=',
        replace: { path: 'golang.org/x/net', version: 'v0.7.0', sum: 'h1:ghi=' },
      },
      {
        path: 'github.com/example/forked',
        version: 'v1.2.0',
        sum: 'h1:jkl=',
        replace: { path: '../forked', version: '' },
      },
      { path: 'github.com/example/plain', version: 'v2.0.0+incompatible', sum: 'h1:mno=' },
    ]);
    expect(parseModInfo(DOCKER).settings.get('-ldflags')).toContain(
      '-X "github.com/docker/cli/cli/version.Version=28.2.2"',
    );
  });

  it('takes a (devel) main module version from -ldflags -X <main module>/…version=', () => {
    expect(versionFromLdflags(parseModInfo(DOCKER))).toBe('v28.2.2');
    expect(versionFromLdflags(parseModInfo(REPLACED))).toBeUndefined();
  });

  it('catalogs the linked module: a replacement wins, a local directory is no release and is not matched', () => {
    const layer = testLayer(0);
    const analysis = { goVersion: 'go1.21.5', modinfo: REPLACED };
    const file = { path: '/app/server', content: Buffer.alloc(0), layer, analysis };
    const { packages, warnings } = golangCataloger.catalog({ files: [file], history: () => [{ layer, analysis }] });
    expect(packages.map((p) => [p.name, p.version, p.metadata, resolvedOutsideRegistry(p)])).toEqual([
      ['stdlib', 'v1.21.5', { goVersion: 'go1.21.5', mainPackage: 'example.com/app' }, undefined],
      ['example.com/app', 'v1.0.0', { mainModule: true }, undefined],
      ['golang.org/x/net', 'v0.7.0', { replaces: 'golang.org/x/net@v0.0.0-20190620200207-3b0461eec859' }, undefined],
      [
        'github.com/example/forked',
        '(devel)',
        { replacedBy: '../forked', devel: true, resolvedFrom: 'file', resolvedRef: '../forked' },
        'file',
      ],
      ['github.com/example/plain', 'v2.0.0+incompatible', undefined, undefined],
    ]);
    // Before, it was matched as `(devel)`, which sorts below every version: inside each range introduced at 0.
    expect(warnings).toEqual([
      {
        path: '/app/server',
        message:
          '1 dependency is not from a published Go module version, so Go advisories do not apply and its ' +
          'vulnerabilities could not be assessed: github.com/example/forked (a local path: ../forked)',
      },
    ]);
    const docker = golangCataloger.catalog({
      files: [{ ...file, analysis: { goVersion: 'go1.24.3', modinfo: DOCKER } }],
      history: () => [],
    });
    expect(docker.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'stdlib@v1.24.3',
      'github.com/docker/cli@v28.2.2',
    ]);
    expect(docker.warnings).toEqual([]);
  });

  it('names every locally replaced module of a binary in one warning, and never the main module', () => {
    const modinfo = [
      'path\texample.com/tool/cmd/tool',
      'mod\texample.com/tool\t(devel)\t',
      'dep\tgithub.com/a/one\tv1.0.0\th1:one=',
      '=>\t./third_party/one\t',
      'dep\tgithub.com/b/two\tv0.3.1\th1:two=',
      '=>\t/src/two\t',
      '',
    ].join('\n');
    const layer = testLayer(0);
    const file = {
      path: '/usr/bin/tool',
      content: Buffer.alloc(0),
      layer,
      analysis: { goVersion: 'go1.22.1', modinfo },
    };
    const { packages, warnings } = golangCataloger.catalog({ files: [file], history: () => [] });
    expect(packages.map((p) => [`${p.name}@${p.version}`, resolvedOutsideRegistry(p)])).toEqual([
      ['stdlib@v1.22.1', undefined],
      // The program itself, built from a checkout: not matched, not warned about.
      ['example.com/tool@(devel)', 'file'],
      ['github.com/a/one@(devel)', 'file'],
      ['github.com/b/two@(devel)', 'file'],
    ]);
    expect(warnings).toEqual([
      {
        path: '/usr/bin/tool',
        message:
          '2 dependencies are not from a published Go module version, so Go advisories do not apply and their ' +
          'vulnerabilities could not be assessed: github.com/a/one (a local path: ./third_party/one), ' +
          'github.com/b/two (a local path: /src/two)',
      },
    ]);
  });
});
