-- 0001: the snapshot store (schema version 1), a database of its own (snapshots.db) that
-- `db import` never replaces. Frozen once released: change it with a new numbered file.

-- One row per analysed image. `image_key` is what makes two scans "the same image": the
-- config digest (Docker's image ID, the same whatever archive format carried it), else the
-- manifest digest, else a sha256 of its package list (an SBOM file that names no digest).
CREATE TABLE image (
  id INTEGER PRIMARY KEY,
  image_key TEXT NOT NULL UNIQUE,
  manifest_digest TEXT,
  config_digest TEXT,
  -- docker-archive, oci-archive, ... or sbom
  format TEXT NOT NULL,
  -- how the SBOM was made: layers (airlock's catalogers), attestation (the image's own SBOM
  -- attestation), sbom-file (a CycloneDX/SPDX document)
  origin TEXT NOT NULL,
  source TEXT NOT NULL,
  os_id TEXT,
  os_version TEXT,
  platform TEXT,
  -- JSON: the layers' diff_ids in order, the config history, cataloger name -> version
  diff_ids TEXT NOT NULL,
  history TEXT NOT NULL,
  catalogers TEXT NOT NULL,
  package_count INTEGER NOT NULL,
  -- the Sbom JSON itself, zlib-compressed: re-evaluation matches exactly what was analysed
  sbom BLOB NOT NULL,
  scanned_at TEXT NOT NULL,
  -- when the stored findings were computed, and the advisory bundle sequence they were
  -- computed at (NULL for a database not imported from a bundle)
  evaluated_at TEXT NOT NULL,
  evaluated_sequence INTEGER
);
CREATE INDEX image_by_manifest ON image (manifest_digest);
CREATE INDEX image_by_config ON image (config_digest);

-- Names (repo:tag) point at one image each, like tags; an image collects every name it was scanned under.
CREATE TABLE image_name (
  name TEXT PRIMARY KEY NOT NULL,
  image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  added_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX image_name_by_image ON image_name (image_id);

-- The packages of each snapshot, for queries across images (which images hold openssl?).
CREATE TABLE package (
  image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source_name TEXT,
  source_version TEXT,
  purl TEXT NOT NULL,
  location TEXT,
  layer_diff_id TEXT,
  PRIMARY KEY (image_id, idx)
) WITHOUT ROWID;
CREATE INDEX package_by_name ON package (type, name);
CREATE INDEX package_by_purl ON package (purl);

-- The last evaluated findings of each image: what re-evaluation compares against.
-- group_key is the report's package group (a source package at a version), so counts
-- here are the counts every report shows.
CREATE TABLE finding (
  image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  vuln_id TEXT NOT NULL,
  purl TEXT NOT NULL,
  package_name TEXT NOT NULL,
  package_version TEXT NOT NULL,
  group_key TEXT NOT NULL,
  status TEXT NOT NULL,
  fixed_version TEXT,
  band TEXT NOT NULL,
  PRIMARY KEY (image_id, vuln_id, purl)
) WITHOUT ROWID;

-- One row per re-evaluation run (after db import / db rollback).
CREATE TABLE evaluation (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  trigger TEXT NOT NULL,
  sequence INTEGER,
  images INTEGER NOT NULL,
  changed INTEGER NOT NULL
);

-- What one run changed for one image: counts before and after (JSON), and the findings.
CREATE TABLE change_set (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
  image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  image_label TEXT NOT NULL,
  from_sequence INTEGER,
  to_sequence INTEGER,
  counts_before TEXT NOT NULL,
  counts_after TEXT NOT NULL
);
CREATE INDEX change_set_by_image ON change_set (image_id, id);

-- kind: new | resolved | changed (band, status or fixed version differ).
CREATE TABLE finding_change (
  change_set_id INTEGER NOT NULL REFERENCES change_set (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  purl TEXT NOT NULL,
  package_name TEXT NOT NULL,
  package_version TEXT NOT NULL,
  group_key TEXT NOT NULL,
  before_band TEXT,
  after_band TEXT,
  before_status TEXT,
  after_status TEXT,
  before_fixed TEXT,
  after_fixed TEXT
);
CREATE INDEX finding_change_by_set ON finding_change (change_set_id);
