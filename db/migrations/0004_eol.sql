-- 0004: release end-of-life dates (advisory schema version 4). Frozen once released:
-- change it with a new numbered file.

-- Optional: empty in a database built without endoflife.date data. One row per product
-- release as endoflife.date lists it (`debian` `12`, `alpine-linux` `3.19`), so a scan can
-- say that the image's distro release is past its end of life.
CREATE TABLE eol (
  product TEXT NOT NULL,
  release TEXT NOT NULL,
  codename TEXT,
  release_date TEXT,
  -- YYYY-MM-DD; NULL when the source gives no date
  eol_date TEXT,
  -- the source's own flag (1/0), NULL when absent; used only when eol_date is NULL
  is_eol INTEGER,
  PRIMARY KEY (product, release)
) WITHOUT ROWID;
