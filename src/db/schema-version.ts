/**
 * The advisory database schema version: the number of the newest file in
 * `db/migrations/`. Bundles record it; a reader refuses a database whose
 * version is newer than its own (older ones only lack optional tables). One line per version:
 *
 * 1 — vulnerability, alias, advisory_source, vuln_reference, affected, severity,
 *     kev, epss, source_meta, bundle_meta (0001_advisories.sql).
 * 2 — optional base_catalog: base-image SBOMs carried in the bundle (0002_base_catalog.sql).
 * 3 — affected.stream and affected.module: what a Red Hat row is limited to, as columns, not
 *     note text (0003_affected_scope.sql); schema 1–2 readers take them from the note.
 * 4 — optional eol: release end-of-life dates from endoflife.date (0004_eol.sql).
 */
export const ADVISORY_SCHEMA_VERSION = 4;

/** The oldest advisory schema this airlock still reads: 2 only added an optional table, 3 columns read from the note when absent. */
export const OLDEST_READABLE_SCHEMA_VERSION = 1;

export const isReadableSchemaVersion = (version: number): boolean => version >= OLDEST_READABLE_SCHEMA_VERSION && version <= ADVISORY_SCHEMA_VERSION;
