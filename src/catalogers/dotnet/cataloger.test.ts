import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { dotnetCataloger } from './cataloger.js';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import { parseDepsJson } from './deps-json.js';

/** The deps.json of SARIF Multitool 4.5.4 as published to npm (see testdata/README.md). */
const deps = readFileSync(path.join(import.meta.dirname, 'testdata', 'Sarif.Multitool.deps.json'));
const APP = '/opt/sarif/Sarif.Multitool.deps.json';

describe('parseDepsJson', () => {
  it('lists the NuGet packages, the runtime pack, and the projects and references as not from NuGet; not the application', () => {
    const found = parseDepsJson(deps.toString('utf8'), APP);
    // 147 of type "package" + 1 "runtimepack" + 6 projects + 1 reference; the application's own project left out.
    expect(found).toHaveLength(155);
    expect(found.filter((p) => p.origin)).toEqual([
      { name: 'Microsoft.WorkItems', version: '4.5.4', origin: { kind: 'project', ref: 'Microsoft.WorkItems/4.5.4' } },
      { name: 'Sarif.Converters', version: '4.5.4', origin: { kind: 'project', ref: 'Sarif.Converters/4.5.4' } },
      { name: 'Sarif.Driver', version: '4.5.4', origin: { kind: 'project', ref: 'Sarif.Driver/4.5.4' } },
      {
        name: 'Sarif.Multitool.Library',
        version: '4.5.4',
        origin: { kind: 'project', ref: 'Sarif.Multitool.Library/4.5.4' },
      },
      { name: 'Sarif.Sdk', version: '4.5.4', origin: { kind: 'project', ref: 'Sarif.Sdk/4.5.4' } },
      { name: 'Sarif.WorkItems', version: '4.5.4', origin: { kind: 'project', ref: 'Sarif.WorkItems/4.5.4' } },
      { name: 'Octokit', version: '0.0.0.0', origin: { kind: 'file', ref: 'Octokit/0.0.0.0' } },
    ]);
    expect(found.some((p) => p.name === 'Sarif.Multitool')).toBe(false);
    expect(found.find((p) => p.name === 'Newtonsoft.Json')).toEqual({
      name: 'Newtonsoft.Json',
      version: '12.0.3',
      sha512: expect.stringMatching(/^sha512-/),
    });
    expect(found.find((p) => p.runtimePack)).toEqual({
      name: 'Microsoft.NETCore.App.Runtime.linux-x64',
      version: '3.1.32',
      runtimePack: true,
    });
  });

  it('finds the application by the file name, else takes the first project', () => {
    const text = JSON.stringify({
      libraries: {
        'Lib/2.0.0': { type: 'project' },
        'App/1.0.0': { type: 'project' },
        'Newtonsoft.Json/13.0.1': { type: 'package', sha512: '' },
      },
    });
    expect(parseDepsJson(text, '/srv/App.deps.json').map((p) => p.name)).toEqual(['Lib', 'Newtonsoft.Json']);
    expect(parseDepsJson(text, '/srv/other.deps.json').map((p) => p.name)).toEqual(['App', 'Newtonsoft.Json']);
  });

  it("leaves a shared framework's own projects and references out", () => {
    const text = JSON.stringify({
      libraries: {
        'Microsoft.NETCore.App/8.0.11': { type: 'project' },
        'System.Private.CoreLib/8.0.0.0': { type: 'reference' },
      },
    });
    const framework = '/usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.11/Microsoft.NETCore.App.deps.json';
    expect(parseDepsJson(text, framework)).toEqual([]);
  });

  it('rejects JSON without libraries', () => {
    expect(() => parseDepsJson('{"runtimeTarget": {}}')).toThrow(/not a \.deps\.json file/);
  });
});

describe('dotnetCataloger', () => {
  it('wants *.deps.json files only', () => {
    expect(dotnetCataloger.wants(APP)).toBe(true);
    expect(dotnetCataloger.wants('/opt/sarif/Sarif.Multitool.runtimeconfig.json')).toBe(false);
  });

  it('reports nuget packages with purls at the deps.json path, and warns about a broken file', () => {
    const ctx = contextFromLayers([{ [APP]: deps, '/app/broken.deps.json': '{' }], undefined, dotnetCataloger.wants);
    const { packages, warnings } = dotnetCataloger.catalog(ctx);
    expect(packages).toHaveLength(155);
    expect(packages.find((p) => p.name === 'YamlDotNet')).toMatchObject({
      type: 'nuget',
      version: '11.2.0',
      purl: 'pkg:nuget/YamlDotNet@11.2.0',
      foundBy: 'dotnet',
      locations: [{ path: APP, layerDiffId: testLayer(0).diffId }],
      introducedByLayer: testLayer(0).diffId,
    });
    // Not matched: the projects' versions are the build's, not NuGet releases.
    expect(packages.find((p) => p.name === 'Sarif.Sdk')).toMatchObject({
      purl: 'pkg:nuget/Sarif.Sdk@4.5.4',
      metadata: { resolvedFrom: 'project', resolvedRef: 'Sarif.Sdk/4.5.4' },
    });
    expect(resolvedOutsideRegistry(packages.find((p) => p.name === 'Sarif.Sdk')!)).toBe('project');
    expect(resolvedOutsideRegistry(packages.find((p) => p.name === 'YamlDotNet')!)).toBeUndefined();
    expect(warnings).toEqual([
      { path: '/app/broken.deps.json', message: expect.stringMatching(/^\.NET deps\.json could not be read: /) },
      {
        path: APP,
        message:
          '7 dependencies are not from NuGet, so NuGet advisories do not apply and their vulnerabilities could not be assessed: ' +
          'Microsoft.WorkItems (a project built with it: Microsoft.WorkItems/4.5.4), Sarif.Converters (a project built with it: Sarif.Converters/4.5.4), ' +
          'Sarif.Driver (a project built with it: Sarif.Driver/4.5.4), Sarif.Multitool.Library (a project built with it: Sarif.Multitool.Library/4.5.4), ' +
          'Sarif.Sdk (a project built with it: Sarif.Sdk/4.5.4), Sarif.WorkItems (a project built with it: Sarif.WorkItems/4.5.4), ' +
          'Octokit (a local path: Octokit/0.0.0.0)',
      },
    ]);
  });
});
