/** The vulnerability list as lines: a header per package group, then its rows. Shared by the reducer (scrolling) and the view. */
import type { FindingRow } from './data.js';
import type { VisibleGroup } from './query.js';

export type ListEntry = { kind: 'group'; group: VisibleGroup } | { kind: 'row'; row: FindingRow };

export function listEntries(groups: VisibleGroup[]): ListEntry[] {
  return groups.flatMap((g) => [
    { kind: 'group', group: g } as ListEntry,
    ...g.rows.map((row) => ({ kind: 'row', row }) as ListEntry),
  ]);
}

/**
 * The first visible line so that the selected row shows, with its group header when the
 * row is the group's first, moving the window as little as possible.
 */
export function scrollFor(
  entries: ListEntry[],
  selectedKey: string | undefined,
  scroll: number,
  height: number,
): number {
  const at = entries.findIndex((e) => e.kind === 'row' && e.row.key === selectedKey);
  let top = scroll;
  if (at >= 0) {
    const wanted = at > 0 && entries[at - 1].kind === 'group' ? at - 1 : at;
    if (wanted < top) top = wanted;
    if (at >= top + height) top = at - height + 1;
  }
  return Math.max(0, Math.min(top, entries.length - height));
}
