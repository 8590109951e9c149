/**
 * Candidates to move an image to, from the catalog:
 * - refreshed: the same repository and tag, a newer build (another image, built later);
 * - updated: a newer tag or release line of the same repository (bookworm → trixie), the
 *   newest build of each tag. Development suites (sid, testing) are never offered.
 * Each list is best first; `best` is what quickview shows (an update keeps the variant,
 * `-slim`, when the catalog has it).
 */
import { buildDate, type CatalogEntry } from './catalog.js';
import { sameRepository } from './reference.js';
import { compareReleaseLines, tagFacts } from './tags.js';

export interface Candidates {
  refreshed: CatalogEntry[];
  updated: CatalogEntry[];
}

const byBuildDesc = (a: CatalogEntry, b: CatalogEntry) =>
  buildDate(b) < buildDate(a) ? -1 : buildDate(b) > buildDate(a) ? 1 : 0;

const facts = (e: CatalogEntry) => ({ ...tagFacts(e.repository, e.tag, e.image.os), built: buildDate(e) });

export function findCandidates(current: CatalogEntry, catalog: CatalogEntry[]): Candidates {
  const others = catalog.filter(
    (e) => e.image.key !== current.image.key && sameRepository(e.repository, current.repository),
  );
  const refreshed = others.filter((e) => e.tag === current.tag && buildDate(e) > buildDate(current)).sort(byBuildDesc);
  const mine = facts(current);
  const newestPerTag = new Map<string, CatalogEntry>();
  for (const e of others.filter((o) => o.tag !== current.tag).sort(byBuildDesc))
    if (!newestPerTag.has(e.tag)) newestPerTag.set(e.tag, e);
  const updated = [...newestPerTag.values()]
    .map((e) => ({ e, f: facts(e) }))
    .filter(({ f }) => !f.development && compareReleaseLines(f, mine) > 0)
    .sort(
      (a, b) =>
        Number(b.f.variant === mine.variant) - Number(a.f.variant === mine.variant) ||
        compareReleaseLines(b.f, a.f) ||
        byBuildDesc(a.e, b.e),
    )
    .map(({ e }) => e);
  return { refreshed, updated };
}
