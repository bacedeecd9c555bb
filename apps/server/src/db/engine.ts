import { type SelectQueryBuilder, sql } from 'kysely';
import type { Engine } from './database.js';
import type { Tables } from './schema.js';

/**
 * Row locks for the assignment engine. PostgreSQL locks the chosen row and skips rows other
 * transactions hold; SQLite has a single writer (BEGIN IMMEDIATE), so there is nothing to lock.
 */
export function lockSkippingLocked<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  engine: Engine,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * A LIMIT the planner cannot read. SQLite reads a bound LIMIT's value while planning, and so prepares
 * the statement again every time the value is bound (10 µs instead of 3 for the agent pick); it reads
 * a literal one too, and once the tables have statistics (an ANALYZE) it plans `ORDER BY … LIMIT 1`
 * over the agents as a scan and sort of every agent (176 µs). Behind an expression, neither happens.
 */
export const opaqueLimit = (count: number) => sql<number>`${count} + 0`;

/**
 * PostgreSQL: many rows as one parameter. `json` is a JSON array of objects, read back as a table of
 * the given columns in the array's order, so an insert of any number of rows is one SQL text with one
 * cached plan per connection (a VALUES list has one per row count, ~170 KB each). SQLite takes VALUES
 * lists instead (precompiledInsert).
 */
export function postgresJsonRows<T extends keyof Tables>(
  table: T,
  columns: readonly (keyof Tables[T] & string)[],
  json: string,
) {
  // The table's own row type gives every field its column's type.
  return sql`select ${sql.join(columns.map((column) => sql.ref(`r.${column}`)))}
    from json_populate_recordset(null::${sql.table(table)}, ${json}::json) with ordinality as r
    order by r.ordinality`;
}

/**
 * True when `column` holds one of the values that column has in the JSON rows (see toJsonRows): one primary-key lookup
 * per value on both engines. PostgreSQL plans `IN (subquery)` over a function as a hash join over a scan
 * of the whole table (it guesses 100 rows for the function); `= ANY (array)` is an index lookup.
 */
export function isAmongJsonRows<T extends keyof Tables>(
  engine: Engine,
  table: T,
  column: keyof Tables[T] & string,
  json: string,
) {
  if (engine === 'postgres') {
    return sql<boolean>`${sql.ref(column)} = any(array(select ${sql.ref(`r.${column}`)}
      from json_populate_recordset(null::${sql.table(table)}, ${json}::json) as r))`;
  }
  return sql<boolean>`${sql.ref(column)} in (select value ->> ${sql.lit(`$.${column}`)} from json_each(${json}))`;
}

// A surrogate half with no partner: UTF-8 cannot encode it, and PostgreSQL's JSON refuses its escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/** The row with every lone surrogate half in its text replaced by U+FFFD; the row itself when it has none. */
export function wellFormedRow<Row extends object>(row: Row): Row {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && HAS_LONE_SURROGATE.test(value)) {
      copy ??= { ...(row as Record<string, unknown>) };
      copy[key] = value.replace(LONE_SURROGATE, '\uFFFD');
    }
  }
  return (copy ?? row) as Row;
}

/**
 * The JSON for postgresJsonRows and isAmongJsonRows. Text gets what any text parameter gets on its way to UTF-8: a lone
 * surrogate half becomes U+FFFD (the replacement character) instead of failing the statement.
 */
export function toJsonRows(rows: readonly object[]) {
  const json = JSON.stringify(rows);
  // JSON.stringify writes a lone surrogate as a \udXXX escape, so only then is the slower pass needed.
  return json.includes('\\ud') ? JSON.stringify(rows.map(wellFormedRow)) : json;
}

/** Locks the row until commit on PostgreSQL (waiting for it); SQLite's write lock already covers it. */
export function lockForUpdate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  engine: Engine,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate() : query;
}

type DriverError = { code?: unknown; message?: unknown };

function codeOf(error: unknown): string {
  return String((error as DriverError | null)?.code ?? '');
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isCheckViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

/** Errors after which the same transaction, run again, can succeed. */
export function isRetryable(error: unknown): boolean {
  const code = codeOf(error);
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
}

/**
 * The database is down or unreachable: answer 503, not 500. "is not queryable" is what the driver says
 * when a transaction's connection died under it and the ROLLBACK is attempted on it (that error replaces
 * the original one).
 */
export function isUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|is not queryable/i.test(
      String((error as DriverError)?.message),
    )
  );
}
