import type { DependencySource } from '../common/outside-registry.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An archive named as the distribution's own release file (`Jinja2-2.10-py3-none-any.whl`,
 * `requests-2.19.1.tar.gz`): what an index publishes under that name and version. Sites
 * without a network install exactly such files, fetched elsewhere with `pip download`, so
 * they are taken as the release they are named for and matched (a false match is a
 * finding to triage; a false "not assessed" would be a silent gap).
 */
function isReleaseFile(url: string, name: string, version: string): boolean {
  const bare = url.replace(/[?#].*$/, '');
  let file = bare.slice(bare.lastIndexOf('/') + 1);
  try {
    file = decodeURIComponent(file);
  } catch {
    return false;
  }
  if (!/\.(?:whl|tar\.gz|tgz|tar\.bz2|zip)$/i.test(file)) return false;
  const normal = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
  const prefix = `${normal(name)}-${normal(version)}`;
  const normalFile = normal(file);
  return normalFile.startsWith(prefix) && /^[-.]/.test(normalFile.slice(prefix.length));
}

/**
 * Where an installed distribution came from, from the `direct_url.json` that pip (and uv,
 * and any installer following PyPA's "Recording the Direct URL Origin of installed
 * distributions", PEP 610) writes into its `.dist-info` when it was installed from a
 * direct reference rather than an index: a VCS checkout (`vcs_info`), a local directory,
 * editable or not (`dir_info`), or an archive at a URL or path (`archive_info`). A
 * distribution installed from an index has no such file: it is PyPI's. So is an archive
 * named as the release file of that name and version (see `isReleaseFile`).
 *
 * A file that is not that JSON says nothing trustworthy, so the package is taken as
 * PyPI's and matched: a broken or forged file must not make a package unassessed quietly.
 */
export function sourceOfDirectUrl(text: string, name: string, version: string): DependencySource | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isObject(json) || typeof json.url !== 'string' || json.url === '') return undefined;
  const url = json.url;
  if (isObject(json.vcs_info) && typeof json.vcs_info.vcs === 'string') {
    const vcs = json.vcs_info.vcs;
    const commit = typeof json.vcs_info.commit_id === 'string' ? `@${json.vcs_info.commit_id}` : '';
    // pip's own spelling of a VCS requirement, which is also purl's vcs_url.
    return { kind: vcs === 'git' ? 'git' : 'vcs', ref: `${vcs}+${url}${commit}` };
  }
  if (isObject(json.dir_info)) {
    return { kind: 'file', ref: json.dir_info.editable === true ? `${url} (editable)` : url };
  }
  if (isObject(json.archive_info)) {
    if (isReleaseFile(url, name, version)) return undefined;
    return url.startsWith('file:') ? { kind: 'file', ref: url } : { kind: 'tarball', ref: url };
  }
  return undefined;
}
