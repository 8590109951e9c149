/**
 * The `note` of a Red Hat affected row carries what the row is limited to: an
 * extended-support stream (`EUS 9.4`, `ELS`) and a module stream (`module
 * nodejs:20:9040020240807145417:rhel9`), joined by `; `. The importer writes it and the
 * RHEL matcher reads it back, so both sides live here.
 */
export interface RowScope {
  stream?: string;
  /** The module as the rpmmod qualifier names it: `name:stream[:version:context]`. */
  module?: string;
}

const MODULE_PREFIX = 'module ';

export function rowNote(scope: RowScope): string | undefined {
  const parts = [scope.stream, scope.module ? `${MODULE_PREFIX}${scope.module}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export function rowScope(note: string | undefined): RowScope {
  const scope: RowScope = {};
  for (const part of (note ?? '').split('; ')) {
    if (part.startsWith(MODULE_PREFIX)) scope.module = part.slice(MODULE_PREFIX.length);
    else if (part) scope.stream = part;
  }
  return scope;
}

/** `nodejs:20:9040020240807145417:rhel9` → `nodejs:20`: builds of one module stream share fixes. */
export function moduleStream(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const [name, stream] = label.split(':');
  return name && stream ? `${name}:${stream}` : undefined;
}
