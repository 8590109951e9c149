/**
 * One vulnerability reported under several ids for the same package (a GHSA and the CVE
 * it aliases, a PYSEC and a GHSA for the same flaw) is one finding. Hits are joined when
 * their ids are aliases of each other, directly or through a shared alias; the group is
 * keyed by its CVE when it has one. Two different CVEs are never joined: an advisory that
 * fixes several (RHSA-2025:23414 for CVE-2021-25220 and CVE-2025-40778) is an alias of each,
 * not a sign that they are one flaw.
 */
import type { Hit } from './row-verdict.js';

export interface HitGroup {
  key: string;
  /** Every id of the group but the key, sorted. */
  aliases: string[];
  hits: Hit[];
}

const isCve = (id: string) => /^CVE-\d{4}-\d+$/.test(id);

/** Union-find over ids whose sets each hold at most one CVE. */
class AliasSets {
  private readonly parent = new Map<string, string>();
  private readonly cveOf = new Map<string, string | undefined>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    if (!this.parent.has(x)) this.cveOf.set(x, isCve(x) ? x : undefined);
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const ca = this.cveOf.get(ra);
    const cb = this.cveOf.get(rb);
    if (ca && cb && ca !== cb) return;
    this.parent.set(ra, rb);
    this.cveOf.set(rb, cb ?? ca);
  }
}
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The hits of one package, grouped; `aliases` maps an id to its other ids (both directions). */
export function groupHits(hits: Hit[], aliases: Map<string, string[]>): HitGroup[] {
  const uf = new AliasSets();
  for (const hit of hits) {
    uf.find(hit.row.vulnId);
    for (const other of aliases.get(hit.row.vulnId) ?? []) uf.union(hit.row.vulnId, other);
  }
  const groups = new Map<string, { ids: Set<string>; hits: Hit[] }>();
  for (const hit of hits) {
    const root = uf.find(hit.row.vulnId);
    const group = groups.get(root) ?? { ids: new Set<string>(), hits: [] };
    group.ids.add(hit.row.vulnId);
    for (const other of aliases.get(hit.row.vulnId) ?? []) group.ids.add(other);
    group.hits.push(hit);
    groups.set(root, group);
  }
  return [...groups.values()].map(({ ids, hits: members }) => {
    const key = chooseKey(
      members.map((h) => h.row.vulnId),
      [...ids],
    );
    return { key, aliases: [...ids].filter((id) => id !== key).sort(byText), hits: members };
  });
}

/** A CVE the hits name themselves, else a CVE among the aliases, else the first hit id. */
function chooseKey(hitIds: string[], allIds: string[]): string {
  return [...hitIds].sort(byText).find(isCve) ?? [...allIds].sort(byText).find(isCve) ?? [...hitIds].sort(byText)[0];
}
