-- 0002: base-image catalog entries carried inside an advisory bundle (advisory schema
-- version 2). Frozen once released: change it with a new numbered file.

-- Optional: empty in a database built without `bundle build --base-image`. `db import` files
-- each row in the appliance's local base catalog (the snapshot store's base_image) under its
-- name, from the SBOM alone: no image tarball crosses the air gap. The rows are inside the
-- signed payload, so they are verified with the advisories.
CREATE TABLE base_catalog (
  -- repository:tag, e.g. debian:bookworm
  name TEXT PRIMARY KEY NOT NULL,
  -- zlib-compressed airlock SBOM JSON (src/sbom/model.ts), layers and diff_ids included
  sbom BLOB NOT NULL,
  -- the image config's `created` (ISO 8601); NULL when absent
  created TEXT
);
