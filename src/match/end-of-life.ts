/**
 * Whether the image's distro release is past its end of life, from the endoflife.date
 * rows the bundle carries (src/db/eol.ts): the distro then no longer publishes fixes, so
 * "no fix" and "no finding" both mean less, as Trivy's "EOL" warning says.
 */
import type { AdvisoryDb } from '../db/open.js';
import { eolReleases, type EolRow } from '../db/eol.js';
import type { Distro } from '../sbom/model.js';

/** endoflife.date's product names per os-release ID (it renamed some; both are tried). */
export const END_OF_LIFE_PRODUCTS: Record<string, string[]> = {
  debian: ['debian'],
  ubuntu: ['ubuntu'],
  alpine: ['alpine-linux', 'alpine'],
  rhel: ['rhel', 'redhat'],
  centos: ['centos'],
  rocky: ['rocky-linux', 'rocky'],
  almalinux: ['almalinux'],
  amzn: ['amazon-linux'],
  ol: ['oracle-linux'],
  fedora: ['fedora'],
  sles: ['sles'],
  'opensuse-leap': ['opensuse'],
};

export interface EndOfLife {
  /** The endoflife.date product and release the distro was found as. */
  product: string;
  release: string;
  /** The day support ended (`YYYY-MM-DD`); absent when the source flags it ended without a date. */
  date?: string;
  /** Whether that day has passed at scan time. */
  past: boolean;
}

/** The release names a distro could be listed under, most specific first: 3.19.4, 3.19, 3. */
function candidates(distro: Distro): string[] {
  const version = distro.versionId ?? '';
  const parts = version.split('.');
  return [...new Set([version, parts.slice(0, 2).join('.'), parts[0]].filter((v) => v !== ''))];
}

function find(rows: EolRow[], distro: Distro): EolRow | undefined {
  for (const release of candidates(distro)) {
    const row = rows.find((r) => r.release === release);
    if (row) return row;
  }
  const codename = distro.codename?.toLowerCase();
  return codename ? rows.find((r) => r.codename?.toLowerCase().split(/\s+/)[0] === codename) : undefined;
}

/** The distro release's end of life, when the database lists it; undefined when unknown. */
export async function endOfLifeOf(
  db: AdvisoryDb,
  distro: Distro | undefined,
  now: Date,
): Promise<EndOfLife | undefined> {
  const products = distro ? END_OF_LIFE_PRODUCTS[distro.id] : undefined;
  if (!distro || !products) return undefined;
  const rows = await eolReleases(db, products);
  for (const product of products) {
    const row = find(
      rows.filter((r) => r.product === product),
      distro,
    );
    if (!row) continue;
    const today = now.toISOString().slice(0, 10);
    const past = row.eolDate ? row.eolDate <= today : row.isEol === true;
    return { product: row.product, release: row.release, ...(row.eolDate ? { date: row.eolDate } : {}), past };
  }
  return undefined;
}
