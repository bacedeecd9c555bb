import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { startCheckpointer, WAL_BACKSTOP_PAGES } from './checkpointer.js';
import { createGroupCommitter } from './group-commit.js';
import { Notifications } from './notifications.js';
import type { Tables } from './schema.js';
import type { Trx } from './transaction.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  engine: Engine;
  /** PostgreSQL schema the tables live in (`public` unless isolated); undefined on SQLite. */
  schema?: string;
  /** PostgreSQL only: the pool itself, for LISTEN/NOTIFY (realtime fan-out across processes). */
  pool?: pg.Pool;
  /** PostgreSQL only: signals between the processes sharing the database. */
  notifications?: Notifications;
  /** Runs work in one write transaction (on SQLite, batched with its neighbours: see group-commit.ts). */
  transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; unset means the embedded SQLite file in dataDir. */
  url?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string;
  poolSize?: number;
}

/**
 * SQLite write transactions take the write lock at BEGIN, so two processes (a server and
 * `npm run seed:demo`, say) queue on busy_timeout instead of failing halfway through.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Kysely prepares every query anew; reusing prepared statements by SQL text saves most of that work. */
function withStatementCache(file: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => file.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        if (cache.size >= 1000) cache.clear();
        statement = file.prepare(sqlText);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

function openSqlite(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'caseflow.sqlite');
  const file = new BetterSqlite3(path);
  file.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives any process crash; only an OS crash or power cut can lose the last commits.
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // Group commit runs each request's transaction in a savepoint, and SQLite copies every page a
  // savepoint first changes into a sub-journal. With the default temp_store (file) that journal spills
  // to a temp file past 64 KiB, so every request paid for file writes (README, Assignment).
  file.pragma('temp_store = memory');
  // Checkpoints run on a worker thread (checkpointer.ts); this connection only does one as a backstop.
  file.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const checkpointer = startCheckpointer(path);
  const statements = withStatementCache(file);
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: statements }) });
  const close = async () => {
    await checkpointer.stop();
    await db.destroy();
  };
  return { db, engine: 'sqlite', transaction: createGroupCommitter(db, statements), close };
}

const MAX_PREPARED = 500;
const preparedNames = new Map<string, string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
// `*` is expanded when a statement is prepared: after a migration adds a column (another process's
// rolling deploy, say) PostgreSQL refuses to run it ("cached plan must not change result type").
const EXPANDS_STAR = /(^|[\s,])("?\w+"?\.)?\*(\s|,|$)/;

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it anew each time. Naming each
 * distinct SQL text lets a connection parse it once and then only bind and execute it. The names are
 * shared by all connections (each prepares a name on first use); past MAX_PREPARED distinct texts
 * (long IN lists, say) queries go unnamed again, so no connection holds an unbounded set.
 */
function reusePreparedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (
      typeof text !== 'string' ||
      !Array.isArray(values) ||
      rest.length > 0 ||
      !PREPARABLE.test(text) ||
      EXPANDS_STAR.test(text)
    ) {
      return query(text, values, ...rest);
    }
    let name = preparedNames.get(text);
    if (!name && preparedNames.size < MAX_PREPARED) {
      name = `caseflow_${preparedNames.size}`;
      preparedNames.set(text, name);
    }
    return query(name ? { name, text, values } : text, name ? undefined : values);
  }) as typeof client.query;
}

function openPostgres(url: string, schema: string | undefined, poolSize: number): Database {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      // int8 (20) holds epoch-millisecond times and counts: all well inside Number's exact range.
      oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // PostgreSQL ending a connection (restart, failover, network cut) must not end the process: the pool
  // drops an idle one, a busy one fails its query (a 503), and new connections are made on demand.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    reusePreparedStatements(client);
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const notifications = new Notifications(pool, url, `caseflow_${schema ?? 'public'}`);
  return {
    db,
    engine: 'postgres',
    schema: schema ?? 'public',
    pool,
    notifications,
    transaction: (work) => db.transaction().execute(work),
    close: async () => {
      await notifications.close();
      await db.destroy();
    },
  };
}

export function openDatabase(options: DatabaseOptions): Database {
  return options.url ? openPostgres(options.url, options.schema, options.poolSize ?? 20) : openSqlite(options.dataDir);
}
