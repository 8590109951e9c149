/**
 * Image references as users type them (`nginx`, `nginx:1.25`, `docker.io/library/nginx:1.25`)
 * compared the way Docker does: default registry, `library/` namespace and `latest` tag.
 */
export function normalizeReference(ref: string): string {
  let name = ref.trim();
  const at = name.indexOf('@');
  const digest = at >= 0 ? name.slice(at) : '';
  if (at >= 0) name = name.slice(0, at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  if (!hasTag && !digest) name += ':latest';
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  if (!name.includes('/')) name = `library/${name}`;
  if (name.startsWith('library/') && name.split('/').length === 2) return `${name.slice('library/'.length)}${digest}`;
  return `${name}${digest}`;
}

export function sameReference(a: string, b: string): boolean {
  return normalizeReference(a) === normalizeReference(b);
}
