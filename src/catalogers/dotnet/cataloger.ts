import { PackageURL } from 'packageurl-js';
import { fileCataloger } from '../harness/file-cataloger.js';
import { parseDepsJson, type NugetPackage } from './deps-json.js';

/**
 * NuGet packages of .NET applications, from the `*.deps.json` the SDK publishes next to
 * each application's main assembly. The shared framework's own deps.json files (under
 * `dotnet/shared/`) list only framework assemblies of type `project`/`reference` and so
 * add nothing.
 */
export const dotnetCataloger = fileCataloger<NugetPackage>({
  name: 'dotnet',
  version: 1,
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
});
