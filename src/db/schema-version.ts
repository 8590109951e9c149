/**
 * The advisory database schema version: the number of the newest file in
 * `db/migrations/`. Bundles record it; a reader refuses a database whose
 * version differs from its own. One line per version:
 *
 * 1 — vulnerability, alias, advisory_source, vuln_reference, affected, severity,
 *     kev, epss, source_meta, bundle_meta (0001_advisories.sql).
 */
export const ADVISORY_SCHEMA_VERSION = 1;
