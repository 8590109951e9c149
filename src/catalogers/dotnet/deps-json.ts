import type { DependencySource } from '../common/outside-registry.js';

/** A NuGet package a .NET application was built against. */
export interface NugetPackage {
  name: string;
  version: string;
  /** `sha512-…` of the .nupkg, as NuGet recorded it. */
  sha512?: string;
  /** The .NET runtime a self-contained application carries (`Microsoft.NETCore.App.Runtime.<rid>`). */
  runtimePack?: boolean;
  /** A project built with the application, or a plain assembly it references: not from NuGet. */
  origin?: DependencySource;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `<app>.deps.json`, which the .NET SDK writes next to every application. Its
 * `libraries` map is keyed `Name/Version`; entries of type `package` came from NuGet,
 * and a self-contained application lists the runtime it carries as type `runtimepack`
 * (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/3.1.32`), itself a NuGet package
 * with advisories of its own. Entries of type `project` are the application itself and
 * the projects built with it (their versions are the build's, whatever NuGet may hold
 * under the same name), `reference` a plain assembly referenced by path: the application
 * is left out, the others are listed with that origin, not from NuGet. A shared
 * framework's own deps.json (under `shared/Microsoft.*`) is the runtime's, and its
 * projects and references are left out. Throws when there is no `libraries` object.
 */
export function parseDepsJson(text: string, path = ''): NugetPackage[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(json) || !isObject(json.libraries)) throw new Error('no "libraries" object: not a .deps.json file');
  const framework = /\/shared\/Microsoft\.[^/]+\/[^/]+\/[^/]+\.deps\.json$/.test(path);
  const application = applicationOf(json.libraries, path);
  const out: NugetPackage[] = [];
  for (const [key, library] of Object.entries(json.libraries)) {
    if (!isObject(library)) continue;
    const local = library.type === 'project' || library.type === 'reference';
    if (!local && library.type !== 'package' && library.type !== 'runtimepack') continue;
    if (local && (framework || key === application)) continue;
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || slash === key.length - 1) continue;
    const pkg: NugetPackage = {
      name: key.slice(0, slash).replace(/^runtimepack\./, ''),
      version: key.slice(slash + 1),
    };
    if (library.type === 'runtimepack') pkg.runtimePack = true;
    if (typeof library.sha512 === 'string' && library.sha512) pkg.sha512 = library.sha512;
    if (library.type === 'project') pkg.origin = { kind: 'project', ref: key };
    if (library.type === 'reference') pkg.origin = { kind: 'file', ref: key };
    out.push(pkg);
  }
  return out;
}

/**
 * The application's own `project` entry: the one named like the deps.json file
 * (`Sarif.Multitool.deps.json` → `Sarif.Multitool/4.5.4`), else the first project, which
 * is where the SDK writes the application.
 */
function applicationOf(libraries: Record<string, unknown>, path: string): string | undefined {
  const base = path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/\.deps\.json$/, '')
    .toLowerCase();
  const projects = Object.entries(libraries)
    .filter(([, l]) => isObject(l) && l.type === 'project')
    .map(([key]) => key);
  return projects.find((key) => key.slice(0, key.lastIndexOf('/')).toLowerCase() === base) ?? projects[0];
}
