import type { CompiledQuery, QueryResult, SqliteDatabase } from 'kysely';

type Runner = (query: CompiledQuery) => QueryResult<unknown>;

const runners = new WeakMap<object, Runner>();

/**
 * SQLite only. A group-commit batch's transaction holds the one connection from BEGIN to COMMIT, so
 * the statements it runs may go to better-sqlite3 directly, synchronously, instead of through
 * Kysely's chain of promises per query (3.0 → 0.9 µs a statement, bench/RESULTS.md). The transaction
 * is registered for exactly that span: `release` must run before the batch's COMMIT or ROLLBACK
 * returns control, after which the connection is no longer the transaction's.
 */
export function runDirectlyWhileOpen(trx: object, statements: SqliteDatabase) {
  runners.set(trx, (query) => {
    const statement = statements.prepare(query.sql);
    if (statement.reader) return { rows: statement.all(query.parameters) as unknown[] };
    const { changes, lastInsertRowid } = statement.run(query.parameters);
    // The same result Kysely's SQLite driver gives.
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  });
  return function release() {
    runners.delete(trx);
  };
}

/** The direct runner of a transaction that has one right now (see above); undefined otherwise. */
export function directRunnerOf(db: object): Runner | undefined {
  return runners.get(db);
}
