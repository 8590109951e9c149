-- 0001: the advisory database (schema version 1).
-- Frozen once released: change the schema with a new numbered file, never by editing this one.

-- One row per vulnerability id (CVE-…, GHSA-…, DSA-…), merged over every source that names it.
CREATE TABLE vulnerability (
  id TEXT PRIMARY KEY NOT NULL,
  summary TEXT,
  description TEXT,
  -- How much the description is trusted, so a later source can replace a weaker one:
  -- 0 none or truncated, 1 NVD/CVE-record fallback text, 2 a distro or advisory database.
  description_rank INTEGER NOT NULL DEFAULT 0,
  published TEXT,
  modified TEXT,
  withdrawn TEXT
);

-- Other ids for the same vulnerability; looked up from either side.
CREATE TABLE alias (
  vuln_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  PRIMARY KEY (vuln_id, alias)
) WITHOUT ROWID;
CREATE INDEX alias_by_alias ON alias (alias, vuln_id);

-- Which feed contributed which vulnerability id.
CREATE TABLE advisory_source (
  vuln_id TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (vuln_id, source)
) WITHOUT ROWID;

CREATE TABLE vuln_reference (
  vuln_id TEXT NOT NULL,
  url TEXT NOT NULL,
  PRIMARY KEY (vuln_id, url)
) WITHOUT ROWID;

-- The state of one package in one namespace (distro release or ecosystem) for one vulnerability.
CREATE TABLE affected (
  id INTEGER PRIMARY KEY,
  vuln_id TEXT NOT NULL,
  source TEXT NOT NULL,
  namespace TEXT NOT NULL,
  package TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('fixed', 'not_affected', 'will_not_fix', 'no_fix_yet', 'end_of_life', 'unknown')),
  fixed_version TEXT,
  ranges TEXT NOT NULL DEFAULT '[]',
  versions TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  fixed_by TEXT,
  severity TEXT
);
CREATE INDEX affected_by_package ON affected (namespace, package);
CREATE INDEX affected_by_vuln ON affected (vuln_id);

-- One rating per vulnerability, rater and CVSS version ('' when the rater gives no CVSS).
CREATE TABLE severity (
  vuln_id TEXT NOT NULL,
  source TEXT NOT NULL,
  cvss_version TEXT NOT NULL DEFAULT '',
  rating TEXT,
  vector TEXT,
  score REAL,
  PRIMARY KEY (vuln_id, source, cvss_version)
) WITHOUT ROWID;

-- CISA Known Exploited Vulnerabilities catalog.
CREATE TABLE kev (
  cve TEXT PRIMARY KEY NOT NULL,
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  name TEXT NOT NULL,
  date_added TEXT NOT NULL,
  due_date TEXT,
  required_action TEXT,
  known_ransomware TEXT
);

-- FIRST EPSS scores.
CREATE TABLE epss (
  cve TEXT PRIMARY KEY NOT NULL,
  epss REAL NOT NULL,
  percentile REAL NOT NULL,
  date TEXT,
  model TEXT
);

-- Per feed: how many records went in, how many were skipped with a warning, and the date of the data.
CREATE TABLE source_meta (
  source TEXT PRIMARY KEY NOT NULL,
  records INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  data_date TEXT
);

-- Written by the bundle builder: sequence, created, expires, signer_key_id, format_version, schema_version.
CREATE TABLE bundle_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
