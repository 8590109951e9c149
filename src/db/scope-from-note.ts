/**
 * Schema 1–2 databases (bundles built before 0003) have no `affected.stream` and
 * `affected.module` columns: the Red Hat importer then wrote both only into the row's note,
 * as `EUS 9.4; module nodejs:20:…`. Reading such a bundle takes them back from there, so an
 * old bundle still matches the same.
 */
export interface RowScope {
  stream?: string;
  module?: string;
}

const MODULE_PREFIX = 'module ';

export function scopeFromNote(note: string | undefined): RowScope {
  const scope: RowScope = {};
  for (const part of (note ?? '').split('; ')) {
    if (part.startsWith(MODULE_PREFIX)) scope.module = part.slice(MODULE_PREFIX.length);
    else if (part) scope.stream = part;
  }
  return scope;
}
