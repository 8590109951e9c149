-- 0003: policy results of each stored image (snapshot schema version 3). Frozen once
-- released: change it with a new numbered file.

-- One row per stored image: the outcome of `airlock policy` for it as of its last scan or
-- re-evaluation (every db import and db rollback), what `airlock images` shows beside the
-- counts. Results are a JSON list of {id, name, status, summary}; failed is their count of
-- status "fail".
CREATE TABLE policy_state (
  image_id INTEGER PRIMARY KEY REFERENCES image (id) ON DELETE CASCADE,
  evaluated_at TEXT NOT NULL,
  -- the policy file applied; NULL for the built-in defaults
  policy_file TEXT,
  results TEXT NOT NULL,
  failed INTEGER NOT NULL
);
