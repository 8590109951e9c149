import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
import { parseDepsJson, type NugetPackage } from './deps-json.js';

const keyOf = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

/**
 * NuGet packages of .NET applications, from the `*.deps.json` the SDK publishes next to
 * each application's main assembly. The shared framework's own deps.json files (under
 * `dotnet/shared/`) list only framework assemblies of type `project`/`reference` and so
 * add nothing.
 */
export const dotnetCataloger: Cataloger = {
  name: 'dotnet',
  version: 1,
  // Large ASP.NET applications write deps.json files of a few MiB.
  maxFileBytes: 16 * 1024 * 1024,
  wants: (path) => path.endsWith('.deps.json'),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      if (!file.path.endsWith('.deps.json')) continue;
      let found: NugetPackage[];
      try {
        found = parseDepsJson(file.content.toString('utf8'));
      } catch (err) {
        warnings.push({ path: file.path, message: `.NET deps.json could not be read: ${(err as Error).message}` });
        continue;
      }
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
        try {
          return new Set(parseDepsJson(content.toString('utf8')).map(keyOf));
        } catch {
          return new Set();
        }
      });
      for (const p of found) {
        let purl: string;
        try {
          purl = new PackageURL('nuget', undefined, p.name, p.version).toString();
        } catch {
          warnings.push({ path: file.path, message: `NuGet package ${p.name} ${p.version} cannot be written as a purl; skipped` });
          continue;
        }
        const pkg: Package = {
          type: 'nuget',
          name: p.name,
          version: p.version,
          purl,
          licenses: [],
          locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
          introducedByLayer: introducedBy(keyOf(p)).diffId,
          foundBy: 'dotnet',
        };
        if (p.sha512 || p.runtimePack) pkg.metadata = { ...(p.sha512 ? { sha512: p.sha512 } : {}), ...(p.runtimePack ? { runtimePack: true } : {}) };
        packages.push(pkg);
      }
    }
    return { packages, warnings };
  },
};
