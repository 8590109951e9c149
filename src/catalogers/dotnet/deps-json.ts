/** A NuGet package a .NET application was built against. */
export interface NugetPackage {
  name: string;
  version: string;
  /** `sha512-…` of the .nupkg, as NuGet recorded it. */
  sha512?: string;
  /** The .NET runtime a self-contained application carries (`Microsoft.NETCore.App.Runtime.<rid>`). */
  runtimePack?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `<app>.deps.json`, which the .NET SDK writes next to every application. Its
 * `libraries` map is keyed `Name/Version`; entries of type `package` came from NuGet,
 * and a self-contained application lists the runtime it carries as type `runtimepack`
 * (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/3.1.32`), itself a NuGet package
 * with advisories of its own. `project` (the application and its own projects) and
 * `reference` (plain assemblies) are not packages. Throws when there is no `libraries` object.
 */
export function parseDepsJson(text: string): NugetPackage[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(json) || !isObject(json.libraries)) throw new Error('no "libraries" object: not a .deps.json file');
  const out: NugetPackage[] = [];
  for (const [key, library] of Object.entries(json.libraries)) {
    if (!isObject(library) || (library.type !== 'package' && library.type !== 'runtimepack')) continue;
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || slash === key.length - 1) continue;
    const pkg: NugetPackage = {
      name: key.slice(0, slash).replace(/^runtimepack\./, ''),
      version: key.slice(slash + 1),
    };
    if (library.type === 'runtimepack') pkg.runtimePack = true;
    if (typeof library.sha512 === 'string' && library.sha512) pkg.sha512 = library.sha512;
    out.push(pkg);
  }
  return out;
}
