/**
 * The `note` of a Red Hat affected row says, for people, what the row is limited to: an
 * extended-support stream (`EUS 9.4`, `ELS`) and a module stream (`module
 * nodejs:20:9040020240807145417:rhel9`), joined by `; `. Matching reads the same facts
 * from the row's `stream` and `module` columns (schema 3); src/db/scope-from-note.ts reads
 * this text back only for older databases.
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

/** `nodejs:20:9040020240807145417:rhel9` → `nodejs:20`: builds of one module stream share fixes. */
export function moduleStream(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const [name, stream] = label.split(':');
  return name && stream ? `${name}:${stream}` : undefined;
}
