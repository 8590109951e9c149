/**
 * Row types of the snapshot store (db/snapshots/*.sql), for kysely. The SQL files are
 * the truth; these mirror them. One line per schema version:
 *
 * 1 — image, image_name, package, finding, evaluation, change_set, finding_change.
 * 2 — base_image: the base-image catalog (0002_base_catalog.sql, src/base/catalog.ts).
 * 3 — policy_state: each image's policy results (0003_policy_state.sql, src/store/policy-state.ts).
 */
import type { Generated } from 'kysely';

export const SNAPSHOT_SCHEMA_VERSION = 3;

export interface ImageRow {
  id: Generated<number>;
  image_key: string;
  manifest_digest: string | null;
  config_digest: string | null;
  format: string;
  origin: string;
  source: string;
  os_id: string | null;
  os_version: string | null;
  platform: string | null;
  diff_ids: string;
  history: string;
  catalogers: string;
  package_count: number;
  sbom: Buffer;
  scanned_at: string;
  evaluated_at: string;
  evaluated_sequence: number | null;
}

export interface ImageNameRow {
  name: string;
  image_id: number;
  added_at: string;
}

export interface PackageRow {
  image_id: number;
  idx: number;
  type: string;
  name: string;
  version: string;
  source_name: string | null;
  source_version: string | null;
  purl: string;
  location: string | null;
  layer_diff_id: string | null;
}

export interface FindingRow {
  image_id: number;
  vuln_id: string;
  purl: string;
  package_name: string;
  package_version: string;
  group_key: string;
  status: string;
  fixed_version: string | null;
  band: string;
}

export interface EvaluationRow {
  id: Generated<number>;
  at: string;
  trigger: string;
  sequence: number | null;
  images: number;
  changed: number;
}

export interface ChangeSetRow {
  id: Generated<number>;
  evaluation_id: number;
  image_id: number;
  image_label: string;
  from_sequence: number | null;
  to_sequence: number | null;
  counts_before: string;
  counts_after: string;
}

export interface FindingChangeRow {
  change_set_id: number;
  kind: string;
  vuln_id: string;
  purl: string;
  package_name: string;
  package_version: string;
  group_key: string;
  before_band: string | null;
  after_band: string | null;
  before_status: string | null;
  after_status: string | null;
  before_fixed: string | null;
  after_fixed: string | null;
}

export interface BaseImageRow {
  repository: string;
  tag: string;
  image_id: number;
  created: string | null;
  diff_ids: string;
  first_diff_id: string;
  layer_count: number;
  snapshot_added: number;
  added_at: string;
}

export interface PolicyStateRow {
  image_id: number;
  evaluated_at: string;
  policy_file: string | null;
  results: string;
  failed: number;
}

export interface SnapshotSchema {
  image: ImageRow;
  image_name: ImageNameRow;
  package: PackageRow;
  finding: FindingRow;
  evaluation: EvaluationRow;
  change_set: ChangeSetRow;
  finding_change: FindingChangeRow;
  base_image: BaseImageRow;
  policy_state: PolicyStateRow;
}
