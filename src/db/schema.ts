/**
 * Row types of the advisory database, as kysely sees them. They mirror
 * `db/migrations/*.sql`; JSON columns (`ranges`, `versions`) are text here and
 * parsed by `queries.ts`.
 */
import type { Generated } from 'kysely';
import type { AffectedStatus } from '../advisories/model.js';

export interface VulnerabilityTable {
  id: string;
  summary: string | null;
  description: string | null;
  description_rank: Generated<number>;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
}

export interface AliasTable {
  vuln_id: string;
  alias: string;
}

export interface AdvisorySourceTable {
  vuln_id: string;
  source: string;
}

export interface VulnReferenceTable {
  vuln_id: string;
  url: string;
}

export interface AffectedTable {
  id: Generated<number>;
  vuln_id: string;
  source: string;
  namespace: string;
  package: string;
  status: AffectedStatus;
  fixed_version: string | null;
  /** JSON array of VersionRange. */
  ranges: string;
  /** JSON array of strings. */
  versions: string;
  note: string | null;
  /** Schema 3: the support stream a row is limited to (`EUS 9.4`, `ELS`); NULL for the mainline. */
  stream: string | null;
  /** Schema 3: the module a row is for (`nodejs:20:…`); NULL for non-modular packages. */
  module: string | null;
  fixed_by: string | null;
  severity: string | null;
}

export interface SeverityTable {
  vuln_id: string;
  source: string;
  /** '' when the rater gives a rating without CVSS. */
  cvss_version: string;
  rating: string | null;
  vector: string | null;
  score: number | null;
}

export interface KevTable {
  cve: string;
  vendor: string;
  product: string;
  name: string;
  date_added: string;
  due_date: string | null;
  required_action: string | null;
  known_ransomware: string | null;
}

export interface EpssTable {
  cve: string;
  epss: number;
  percentile: number;
  date: string | null;
  model: string | null;
}

/** Schema 4: release end-of-life dates (absent from older databases; read through src/db/eol.ts). */
export interface EolTable {
  product: string;
  release: string;
  codename: string | null;
  release_date: string | null;
  eol_date: string | null;
  is_eol: number | null;
}

export interface SourceMetaTable {
  source: string;
  records: number;
  warnings: number;
  data_date: string | null;
}

export interface BundleMetaTable {
  key: string;
  value: string;
}

/**
 * Schema 2: base-image SBOMs a bundle carries (absent from schema-1 databases); written
 * and read only by src/db/base-catalog.ts.
 */
export interface BaseCatalogTable {
  name: string;
  /** zlib-compressed airlock SBOM JSON */
  sbom: Buffer;
  created: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface AdvisorySchema {
  vulnerability: VulnerabilityTable;
  alias: AliasTable;
  advisory_source: AdvisorySourceTable;
  vuln_reference: VulnReferenceTable;
  affected: AffectedTable;
  severity: SeverityTable;
  kev: KevTable;
  epss: EpssTable;
  eol: EolTable;
  source_meta: SourceMetaTable;
  bundle_meta: BundleMetaTable;
  /** Schema 2 and later only. */
  base_catalog: BaseCatalogTable;
  schema_migrations: SchemaMigrationsTable;
}
