import {
  type CompiledQuery,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  PostgresAdapter,
  type QueryResult,
} from 'kysely';
import type { Db, Engine } from './database.js';
import { directRunnerOf } from './direct-execution.js';
import { postgresJsonRows, toJsonRows, wellFormedRow } from './engine.js';
import type { Tables } from './schema.js';
import type { Trx } from './transaction.js';

/**
 * Stands for the i-th argument (or the named field of it, for a row passed as an object) while a
 * query is built; each run puts the real value in its place.
 */
class Slot {
  constructor(
    readonly index: number,
    readonly key?: string,
  ) {}

  /** The value for this call; undefined is refused (Kysely would have left the column out, a bind sends NULL). */
  valueIn(args: unknown[]) {
    const arg = args[this.index];
    const value = this.key === undefined ? arg : (arg as Record<string, unknown>)[this.key];
    if (value === undefined) throw new Error(`precompiled query: argument ${this.key ?? this.index} is undefined`);
    return value;
  }
}

const isRow = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A placeholder per argument; a row (plain object) gets one per field, so the build can spread it. */
const placeholdersFor = (args: unknown[]) =>
  args.map((arg, index) =>
    isRow(arg) ? Object.fromEntries(Object.keys(arg).map((key) => [key, new Slot(index, key)])) : new Slot(index),
  );

type Compilable<R> = { compile(): CompiledQuery<R> };
type Compiled = { query: CompiledQuery; slots: (Slot | undefined)[] };

/** The engine a database or transaction runs on, read from its own dialect (never taken on trust). */
const engineOf = (db: Db | Trx): Engine =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/**
 * A query on the hot path whose SQL depends on the engine only, never on its arguments. Kysely builds
 * and compiles a query anew on every call (a few dozen objects per column and condition); this builds
 * it once per engine with placeholders and afterwards only binds the new values.
 *
 * The build receives the engine of the database it is first called on, and the compiled query is kept
 * per engine. The build function must use its arguments as plain values (compared, inserted, set), never branch
 * on them or read them: it runs once, with placeholders. A query that changes shape with its input
 * is two queries.
 */
export function precompiled<Args extends unknown[], R>(
  build: (db: Db | Trx, engine: Engine, ...args: Args) => Compilable<R>,
) {
  const byEngine = new Map<Engine, Compiled>();
  return async (db: Db | Trx, ...args: Args): Promise<QueryResult<R>> => {
    const engine = engineOf(db);
    let compiled = byEngine.get(engine);
    if (!compiled) {
      const query = build(db, engine, ...(placeholdersFor(args) as Args)).compile();
      const slots = query.parameters.map((parameter) => (parameter instanceof Slot ? parameter : undefined));
      if (new Set(slots.flatMap((slot) => (slot ? [slot.index] : []))).size !== args.length) {
        throw new Error(`precompiled query does not use every argument as a value: ${query.sql}`);
      }
      compiled = { query, slots };
      byEngine.set(engine, compiled);
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((parameter, i) => {
      const slot = slots[i];
      return slot ? slot.valueIn(args) : parameter;
    });
    const direct = directRunnerOf(db);
    if (direct) return direct({ ...query, parameters }) as QueryResult<R>;
    return db.executeQuery<R>({ ...query, parameters });
  };
}

/**
 * A family of precompiled queries, one per variant (a status, a row count…): for queries whose shape
 * depends on one input, each shape is compiled once, the first time it is asked for.
 */
export function precompiledVariants<V, Args extends unknown[], R>(
  build: (variant: V) => (db: Db | Trx, engine: Engine, ...args: Args) => Compilable<R>,
) {
  const byVariant = new Map<V, (db: Db | Trx, ...args: Args) => Promise<QueryResult<R>>>();
  return (variant: V, db: Db | Trx, ...args: Args) => {
    let run = byVariant.get(variant);
    if (!run) {
      run = precompiled(build(variant));
      byVariant.set(variant, run);
    }
    return run(db, ...args);
  };
}

/** SQLite allows 32,766 bound values a statement: 128 rows of up to 255 columns stay well below. */
const SQLITE_ROWS_PER_INSERT = 128;

/**
 * An insert of many rows, compiled once per engine (and, on SQLite, per row count). PostgreSQL gets the
 * rows as one JSON parameter (`postgresJsonRows`): one SQL text, so one cached plan per connection (a VALUES
 * list has one per row count, ~170 KB each). SQLite gets a VALUES list, in chunks of 128 rows: it has no
 * round trips to save, reading fields out of JSON cost it ~5 µs a row more, and it keeps prepared
 * statements cheaply. `finish` adds what follows the rows (a RETURNING, say). Rows come back in order.
 */
export function precompiledInsert<T extends keyof Tables & string, Row extends Insertable<Tables[T]>, R>(
  table: T,
  columns: readonly (keyof Row & string)[],
  finish: (insert: InsertQueryBuilder<Tables, T, InsertResult>) => Compilable<R>,
) {
  const asJson = precompiled((db, _engine, json: string) =>
    finish(
      db
        .insertInto(table)
        .columns(columns as never)
        .expression(postgresJsonRows(table, columns as never, json)),
    ),
  );
  const asValues = precompiledVariants(
    (_count: number) =>
      (db, _engine, ...rows: Row[]) =>
        finish(db.insertInto(table).values(rows as never)),
  );
  return async (db: Db | Trx, rows: Row[]): Promise<R[]> => {
    if (rows.length === 0) return [];
    if (engineOf(db) === 'postgres') return (await asJson(db, toJsonRows(rows))).rows;
    const inserted: R[] = [];
    for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
      // As through JSON on PostgreSQL: a lone surrogate half is stored as U+FFFD, not as invalid UTF-8.
      const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT).map(wellFormedRow);
      inserted.push(...(await asValues(chunk.length, db, ...chunk)).rows);
    }
    return inserted;
  };
}
