import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appliedSchemaVersion, listMigrations, migrateToLatest, MIGRATIONS_DIR } from './migrate.js';
import { openAdvisoryDb } from './open.js';
import { ADVISORY_SCHEMA_VERSION } from './schema-version.js';
import { splitSqlStatements } from './split-sql.js';
import { scratchDir } from './testdata/paths.js';

describe('migrations', () => {
  it('live in the repository-level db/migrations as plain SQL, the newest numbered ADVISORY_SCHEMA_VERSION', async () => {
    expect(MIGRATIONS_DIR).toBe(path.resolve(process.cwd(), 'db/migrations') + path.sep);
    const files = await readdir(MIGRATIONS_DIR);
    expect(files.every((f) => /^\d{4}_[\w-]+\.sql$/.test(f))).toBe(true);
    const migrations = await listMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations.at(-1)?.version).toBe(ADVISORY_SCHEMA_VERSION);
  });

  it('split into one statement per CREATE, comments dropped', async () => {
    const script = await readFile(path.join(MIGRATIONS_DIR, '0001_advisories.sql'), 'utf8');
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(script.match(/^CREATE /gm)!.length);
    expect(statements.every((s) => s.startsWith('CREATE '))).toBe(true);
    expect(statements.some((s) => s.includes('--'))).toBe(false);
  });

  it('keeps a trigger body and quoted semicolons inside one statement', () => {
    const script = `CREATE TABLE t (a TEXT DEFAULT ';');
CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO t (a) VALUES ('x;y'); SELECT 1; END;
-- trailing comment; not a statement`;
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/^CREATE TRIGGER .* END$/s);
  });

  it('create every table on a new file, record the version, and apply nothing twice', async () => {
    const file = path.join(await scratchDir('migrate'), 'advisories.db');
    const db = await openAdvisoryDb(file, { readonly: false });
    try {
      expect(await appliedSchemaVersion(db)).toBe(ADVISORY_SCHEMA_VERSION);
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
      expect(tables.rows.map((r) => r.name)).toEqual([
        'advisory_source', 'affected', 'alias', 'base_catalog', 'bundle_meta', 'eol', 'epss', 'kev', 'schema_migrations', 'severity', 'source_meta',
        'vuln_reference', 'vulnerability',
      ]);
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toEqual(['affected_by_package', 'affected_by_vuln', 'alias_by_alias']);
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
