/**
 * The main section of a jar's `META-INF/MANIFEST.MF` (JAR File Specification, "Manifest
 * Specification"): `Name: value` lines, a line starting with one space continuing the
 * previous value (joined without the space, as java.util.jar.Manifest does), ending at
 * the first blank line. The per-entry sections after it describe files, not the jar.
 * Attribute names are case-insensitive, so keys are lower-cased.
 */
export function parseManifest(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let current: string | undefined;
  const flush = () => {
    if (current === undefined) return;
    const colon = current.indexOf(':');
    if (colon > 0) {
      const name = current.slice(0, colon).trim().toLowerCase();
      const value = current.slice(colon + 1).trim();
      if (!attributes.has(name)) attributes.set(name, value);
    }
    current = undefined;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    if (line.startsWith(' ')) {
      if (current !== undefined) current += line.slice(1);
      continue;
    }
    flush();
    current = line;
  }
  flush();
  return attributes;
}

/** The manifest facts that identify a jar. Values starting with `%` are OSGi localization keys, not values. */
export interface ManifestIdentity {
  implementationTitle?: string;
  implementationVersion?: string;
  implementationVendorId?: string;
  bundleName?: string;
  bundleSymbolicName?: string;
  bundleVersion?: string;
  specificationVersion?: string;
}

export function manifestIdentity(attributes: Map<string, string>): ManifestIdentity {
  const get = (name: string) => {
    const v = attributes.get(name);
    return v && !v.startsWith('%') ? v : undefined;
  };
  const identity: ManifestIdentity = {
    implementationTitle: get('implementation-title'),
    implementationVersion: get('implementation-version'),
    implementationVendorId: get('implementation-vendor-id'),
    bundleName: get('bundle-name'),
    // `com.example.bundle;singleton:=true`: only the name before the directives.
    bundleSymbolicName: get('bundle-symbolicname')?.split(';')[0].trim() || undefined,
    bundleVersion: get('bundle-version'),
    specificationVersion: get('specification-version'),
  };
  for (const key of Object.keys(identity) as (keyof ManifestIdentity)[])
    if (identity[key] === undefined) delete identity[key];
  return identity;
}
