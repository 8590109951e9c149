import { PackageURL } from 'packageurl-js';
import { fileCataloger } from '../harness/file-cataloger.js';
import { parseDepsJson, type NugetPackage } from './deps-json.js';

/**
 * NuGet packages of .NET applications, from the `*.deps.json` the SDK publishes next to
 * each application's main assembly. The projects built with the application and the
 * plain assemblies it references are listed as not from NuGet, unmatched and warned
 * about (deps-json.ts); the shared framework's own deps.json files add only its packages.
 */
export const dotnetCataloger = fileCataloger<NugetPackage>({
  name: 'dotnet',
  version: 2,
  // Large ASP.NET applications write deps.json files of a few MiB.
  maxFileBytes: 16 * 1024 * 1024,
  wants: (path) => path.endsWith('.deps.json'),
  fileKind: '.NET deps.json',
  parse: parseDepsJson,
  key: (p) => `${p.name}@${p.version}`,
  toPackage: (p) => ({
    type: 'nuget',
    name: p.name,
    version: p.version,
    purl: new PackageURL('nuget', undefined, p.name, p.version).toString(),
    licenses: [],
    ...(p.sha512 || p.runtimePack
      ? { metadata: { ...(p.sha512 ? { sha512: p.sha512 } : {}), ...(p.runtimePack ? { runtimePack: true } : {}) } }
      : {}),
  }),
  problem: (p) => `NuGet package ${p.name} ${p.version} cannot be written as a purl; skipped`,
  outsideRegistry: { registry: { name: 'NuGet', advisories: 'NuGet advisories' }, sourceOf: (p) => p.origin },
});
