import { readFile } from 'node:fs/promises';
import { LANGUAGE_ECOSYSTEMS } from '../../ecosystems/table.js';
import { InputError, UserError } from '../../errors.js';
import { DISTRO_SOURCES } from './distro-sources.js';

export type { FeedSource, FileSource, LatestArchiveSource, NvdSource, RssPagesSource } from './source-kinds.js';
import type { FeedSource } from './source-kinds.js';

/** One osv.dev `all.zip` per language ecosystem of the table. */
const OSV_ECOSYSTEMS = LANGUAGE_ECOSYSTEMS.map((e) => e.osv!);
const ALPINE_BRANCHES = ['v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22'];
/** Amazon Linux releases by the folder of their ALAS feed (the first release's sits at the top). */
const AMAZON_RELEASES: [release: string, folder: string][] = [
  ['1', ''],
  ['2', 'AL2/'],
  ['2022', 'AL2022/'],
  ['2023', 'AL2023/'],
];
const SUSE_OVAL = ['suse.linux.enterprise.12', 'suse.linux.enterprise.15', 'opensuse.leap.15.5', 'opensuse.leap.15.6'];
const PHOTON_RELEASES = ['1.0', '2.0', '3.0', '4.0', '5.0'];
/** endoflife.date products of the distros airlock matches (its names, src/match/end-of-life.ts maps os-release IDs to them). */
const EOL_PRODUCTS = [
  'debian',
  'ubuntu',
  'alpine-linux',
  'rhel',
  'centos',
  'rocky-linux',
  'almalinux',
  'amazon-linux',
  'oracle-linux',
  'sles',
  'opensuse',
  'fedora',
];

export const DEFAULT_SOURCES: FeedSource[] = [
  {
    name: 'debian-tracker',
    kind: 'files',
    files: [{ url: 'https://security-tracker.debian.org/tracker/data/json', path: 'debian-tracker/debian.json' }],
  },
  {
    name: 'alpine-secdb',
    kind: 'files',
    files: ALPINE_BRANCHES.flatMap((branch) =>
      ['main', 'community'].map((repo) => ({
        url: `https://secdb.alpinelinux.org/${branch}/${repo}.json`,
        path: `alpine-secdb/${branch}/${repo}.json`,
      })),
    ),
  },
  {
    name: 'osv',
    kind: 'files',
    files: OSV_ECOSYSTEMS.map((eco) => ({
      url: `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(eco)}/all.zip`,
      path: `osv/${eco}/all.zip`,
    })),
  },
  // Red Hat's CSAF: the advisories (RHSAs, with their fixes) and the per-CVE VEX files (also unfixed and not-affected verdicts).
  {
    name: 'redhat-csaf',
    kind: 'latest-archive',
    index: 'https://security.access.redhat.com/data/csaf/v2/advisories/archive_latest.txt',
    path: 'redhat-csaf/advisories',
  },
  {
    name: 'redhat-csaf-vex',
    kind: 'latest-archive',
    index: 'https://security.access.redhat.com/data/csaf/v2/vex/archive_latest.txt',
    path: 'redhat-csaf/vex',
  },
  ...DISTRO_SOURCES,
  // Amazon Linux: the ALAS feed per release and the advisory pages it links to (only the pages list the fixed rpms).
  {
    name: 'amazon-alas',
    kind: 'rss-pages',
    feeds: AMAZON_RELEASES.map(([release, folder]) => ({
      url: `https://alas.aws.amazon.com/${folder}alas.rss`,
      path: `amazon/${release}_rss.xml`,
      pagesPath: `amazon/${release}_html`,
    })),
  },
  {
    name: 'oracle-oval',
    kind: 'files',
    files: [
      {
        url: 'https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2',
        path: 'oracle/com.oracle.elsa-all.xml.bz2',
      },
    ],
  },
  {
    name: 'suse-oval',
    kind: 'files',
    files: SUSE_OVAL.map((name) => ({
      url: `https://ftp.suse.com/pub/projects/security/oval/${name}.xml.gz`,
      path: `suse/${name}.xml.gz`,
    })),
  },
  {
    name: 'mariner-oval',
    kind: 'files',
    files: ['cbl-mariner-2.0-oval.xml', 'azurelinux-3.0-oval.xml'].map((name) => ({
      url: `https://raw.githubusercontent.com/microsoft/AzureLinuxVulnerabilityData/main/${name}`,
      path: `mariner/${name}`,
    })),
  },
  {
    name: 'photon-cve',
    kind: 'files',
    files: PHOTON_RELEASES.map((release) => ({
      url: `https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon${release}.json`,
      path: `photon/cve_data_photon${release}.json`,
    })),
  },
  {
    name: 'nvd',
    kind: 'nvd-api',
    url: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
    path: 'nvd',
    resultsPerPage: 2000,
    apiKeyEnv: 'NVD_API_KEY',
  },
  {
    name: 'cisa-kev',
    kind: 'files',
    files: [
      {
        url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
        path: 'cisa-kev/known_exploited_vulnerabilities.json',
      },
    ],
  },
  {
    name: 'epss',
    kind: 'files',
    files: [
      { url: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz', path: 'epss/epss_scores-current.csv.gz' },
    ],
  },
  // Release end-of-life dates (endoflife.date API v1, one product per file), for the EOL warning.
  {
    name: 'endoflife',
    kind: 'files',
    files: EOL_PRODUCTS.map((product) => ({
      url: `https://endoflife.date/api/v1/products/${product}/`,
      path: `endoflife/${product}.json`,
    })),
  },
];

/**
 * A config file `{"sources": [...]}`: each entry replaces the default of the same name or
 * adds a new source, so an operator can pin branches, ecosystems or an internal URL.
 */
export async function loadSources(configFile?: string): Promise<FeedSource[]> {
  if (!configFile) return DEFAULT_SOURCES;
  let doc: { sources?: unknown };
  try {
    doc = JSON.parse(await readFile(configFile, 'utf8'));
  } catch (cause) {
    throw new InputError(configFile, `cannot read feed source config: ${(cause as Error).message}`, { cause });
  }
  if (!doc || !Array.isArray(doc.sources)) throw new InputError(configFile, 'expected {"sources": [...]}');
  const merged = new Map(DEFAULT_SOURCES.map((s) => [s.name, s]));
  for (const [i, raw] of doc.sources.entries())
    merged.set((raw as FeedSource)?.name, validateSource(configFile, i, raw));
  return [...merged.values()];
}

function validateSource(file: string, index: number, raw: unknown): FeedSource {
  const s = raw as {
    name?: string;
    kind?: string;
    files?: { url: string; path: string }[];
    url?: string;
    path?: string;
    index?: string;
    feeds?: { url: string; path: string; pagesPath: string }[];
    resultsPerPage?: number;
    apiKeyEnv?: string;
    delayMs?: number;
  };
  const at = `sources[${index}]`;
  if (!s || typeof s.name !== 'string' || !s.name) throw new InputError(file, `${at} needs a name`);
  if (s.kind === 'files') {
    if (!Array.isArray(s.files) || s.files.length === 0)
      throw new InputError(file, `${at} (${s.name}) needs a non-empty files list`);
    for (const f of s.files) {
      checkUrl(file, `${at}.files`, f?.url);
      checkRelativePath(file, `${at}.files`, f?.path);
    }
    return { name: s.name, kind: 'files', files: s.files.map((f) => ({ url: f.url, path: f.path })) };
  }
  if (s.kind === 'nvd-api') {
    checkUrl(file, at, s.url);
    checkRelativePath(file, at, s.path);
    const perPage = s.resultsPerPage ?? 2000;
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 2000)
      throw new InputError(file, `${at}.resultsPerPage must be 1..2000`);
    return {
      name: s.name,
      kind: 'nvd-api',
      url: s.url!,
      path: s.path!,
      resultsPerPage: perPage,
      apiKeyEnv: s.apiKeyEnv ?? 'NVD_API_KEY',
      delayMs: s.delayMs,
    };
  }
  if (s.kind === 'latest-archive') {
    checkUrl(file, at, s.index);
    checkRelativePath(file, at, s.path);
    return { name: s.name, kind: 'latest-archive', index: s.index!, path: s.path! };
  }
  if (s.kind === 'rss-pages') {
    if (!Array.isArray(s.feeds) || s.feeds.length === 0)
      throw new InputError(file, `${at} (${s.name}) needs a non-empty feeds list`);
    for (const f of s.feeds) {
      checkUrl(file, `${at}.feeds`, f?.url);
      checkRelativePath(file, `${at}.feeds`, f?.path);
      checkRelativePath(file, `${at}.feeds`, f?.pagesPath);
    }
    return {
      name: s.name,
      kind: 'rss-pages',
      feeds: s.feeds.map((f) => ({ url: f.url, path: f.path, pagesPath: f.pagesPath })),
    };
  }
  throw new InputError(
    file,
    `${at} (${s.name}) has kind ${JSON.stringify(s.kind)}; expected "files", "nvd-api", "latest-archive" or "rss-pages"`,
  );
}

function checkUrl(file: string, at: string, url: unknown): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(String(url));
  } catch {
    /* reported below */
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    throw new InputError(file, `${at}: ${JSON.stringify(url)} is not an http(s) URL`);
}

/** Paths land under --out; none may climb out of it. */
export function checkRelativePath(file: string, at: string, path: unknown): void {
  if (
    typeof path !== 'string' ||
    !path ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.split('/').some((seg) => seg === '..' || seg === '' || seg === '.')
  ) {
    throw new InputError(
      file,
      `${at}: path ${JSON.stringify(path)} must be relative, with no empty, "." or ".." segments`,
    );
  }
}

export function selectSources(all: FeedSource[], names: string[] | undefined): FeedSource[] {
  if (!names?.length) return all;
  const known = new Map(all.map((s) => [s.name, s]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length)
    throw new UserError(`unknown feed source ${unknown.join(', ')}`, {
      hint: `known sources: ${[...known.keys()].join(', ')}`,
    });
  return names.map((n) => known.get(n)!);
}

/** `BASE/path`, with each path segment escaped; BASE may or may not end in a slash. */
export function mirrorUrl(mirror: string, path: string): string {
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return new URL(path.split('/').map(encodeURIComponent).join('/'), base).toString();
}
