import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { dotnetCataloger } from './cataloger.js';
import { parseDepsJson } from './deps-json.js';

/** The deps.json of SARIF Multitool 4.5.4 as published to npm (see testdata/README.md). */
const deps = readFileSync(path.join(import.meta.dirname, 'testdata', 'Sarif.Multitool.deps.json'));
const APP = '/opt/sarif/Sarif.Multitool.deps.json';

describe('parseDepsJson', () => {
  it('lists the NuGet packages and the runtime pack, not the projects or plain references', () => {
    const found = parseDepsJson(deps.toString('utf8'));
    expect(found).toHaveLength(148); // 147 of type "package" + 1 "runtimepack"; 7 projects and 1 reference left out
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
    expect(found.some((p) => p.name.startsWith('Sarif.') || p.name === 'Octokit')).toBe(false);
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
    expect(packages).toHaveLength(148);
    expect(packages.find((p) => p.name === 'YamlDotNet')).toMatchObject({
      type: 'nuget',
      version: '11.2.0',
      purl: 'pkg:nuget/YamlDotNet@11.2.0',
      foundBy: 'dotnet',
      locations: [{ path: APP, layerDiffId: testLayer(0).diffId }],
      introducedByLayer: testLayer(0).diffId,
    });
    expect(warnings).toEqual([
      { path: '/app/broken.deps.json', message: expect.stringMatching(/^\.NET deps\.json could not be read: /) },
    ]);
  });
});
