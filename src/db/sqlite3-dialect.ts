/**
 * A kysely dialect for node-sqlite3 (`sqlite3` on npm). kysely ships a dialect
 * for better-sqlite3's synchronous API only; node-sqlite3 is asynchronous and
 * callback based, so this adapts it. SQLite has one connection per file handle:
 * a mutex hands it to one caller (or one transaction) at a time.
 */
import type sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly database: sqlite3.Database) {}

  createDriver(): Driver {
    return new Sqlite3Driver(this.database);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's Dialect interface declares Kysely<any>
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class Sqlite3Driver implements Driver {
  private readonly connection: Sqlite3Connection;
  private readonly mutex = new Mutex();

  constructor(private readonly database: sqlite3.Database) {
    this.connection = new Sqlite3Connection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
  destroy(): Promise<void> {
    return new Promise((resolve, reject) => this.database.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Statements that hand back rows; everything else runs for its change count. */
function returnsRows(query: CompiledQuery): boolean {
  const node = query.query as { kind: string; returning?: unknown };
  if (node.kind === 'SelectQueryNode') return true;
  if (node.kind === 'RawNode') return /^\s*(select|with|pragma|values|explain)\b/i.test(query.sql) || /\breturning\b/i.test(query.sql);
  return node.returning !== undefined;
}

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: sqlite3.Database) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const params = query.parameters as unknown[];
    if (returnsRows(query)) {
      return new Promise((resolve, reject) =>
        this.db.all(query.sql, params, (err, rows) => (err ? reject(err) : resolve({ rows: rows as R[] }))),
      );
    }
    return new Promise((resolve, reject) =>
      this.db.run(query.sql, params, function (err) {
        if (err) return reject(err);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      }),
    );
  }

  /** Pulls one row at a time from a prepared statement, so a large result never sits in memory. */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const stmt = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared = this.db.prepare(query.sql, query.parameters as unknown[], (err) => (err ? reject(err) : resolve(prepared)));
    });
    try {
      let chunk: R[] = [];
      for (;;) {
        const row = await new Promise<R | undefined>((resolve, reject) =>
          stmt.get((err, r) => (err ? reject(err) : resolve(r as R | undefined))),
        );
        if (row === undefined) break;
        chunk.push(row);
        if (chunk.length >= chunkSize) {
          yield { rows: chunk };
          chunk = [];
        }
      }
      if (chunk.length > 0) yield { rows: chunk };
    } finally {
      await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
    }
  }
}

/** A FIFO lock: SQLite gives one connection, so queries and transactions take turns. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void)[] = [];

  async lock(): Promise<void> {
    let unlock!: () => void;
    const next = new Promise<void>((resolve) => (unlock = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    this.release.push(unlock);
  }

  unlock(): void {
    this.release.shift()?.();
  }
}
