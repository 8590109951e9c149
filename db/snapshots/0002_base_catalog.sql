-- 0002: the base-image catalog (snapshot schema version 2). Frozen once released: change it
-- with a new numbered file.

-- One row per catalog entry: a stored image (its snapshot, findings and re-evaluation are the
-- store's) filed as a base image under repository:tag. One image may be filed under several
-- names (debian:bookworm and debian:12), and one repository:tag may have several builds
-- (an older and a refreshed debian:bookworm): the key is all three.
CREATE TABLE base_image (
  repository TEXT NOT NULL,
  tag TEXT NOT NULL,
  image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  -- the image config's `created` (ISO 8601), what orders builds of one tag; NULL when absent
  created TEXT,
  -- JSON: the layers' diff_ids in order, the chain an image must start with to be built on it
  diff_ids TEXT NOT NULL,
  -- the first diff_id, indexed: the only layer every image built on this base shares
  first_diff_id TEXT NOT NULL,
  layer_count INTEGER NOT NULL,
  -- 1 when `base add` stored the snapshot itself (so `base rm` of its last name removes it),
  -- 0 when the image was stored before (by `airlock scan`) and stays when it leaves the catalog
  snapshot_added INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (repository, tag, image_id)
) WITHOUT ROWID;
CREATE INDEX base_image_by_first_layer ON base_image (first_diff_id);
CREATE INDEX base_image_by_image ON base_image (image_id);
