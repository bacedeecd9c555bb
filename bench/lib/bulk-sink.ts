// Where the bulk loader's rows go: big multi-row INSERTs in one transaction per chunk, on either engine.

import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

type PgType = 'int4' | 'int8' | 'text';

/** Columns in insert order with their PostgreSQL types (for the unnest casts); mirrors db/schema.ts. */
export const COLUMNS = {
  users: {
    id: 'int4',
    email: 'text',
    name: 'text',
    role: 'text',
    password_hash: 'text',
    status: 'text',
    created_at: 'int8',
    updated_at: 'int8',
  },
  agents: {
    user_id: 'int4',
    capacity: 'int4',
    availability: 'text',
    active_cases: 'int4',
    last_assigned_at: 'int8',
    removed_at: 'int8',
    created_at: 'int8',
    updated_at: 'int8',
  },
  /** Teams besides the default one (id 1, created by migration 009); none in the single-team shop. */
  teams: { id: 'int4', name: 'text', description: 'text', is_default: 'int4', created_at: 'int8', updated_at: 'int8' },
  team_members: { team_id: 'int4', agent_id: 'int4', created_at: 'int8' },
  team_categories: { category: 'text', team_id: 'int4' },
  sla_settings: { id: 'int4', settings: 'text', updated_at: 'int8' },
  cases: {
    id: 'int4',
    customer_id: 'int4',
    subject: 'text',
    description: 'text',
    order_number: 'text',
    product: 'text',
    reason: 'text',
    desired_outcome: 'text',
    priority: 'int4',
    status: 'text',
    assignee_id: 'int4',
    created_at: 'int8',
    assigned_at: 'int8',
    first_response_at: 'int8',
    resolved_at: 'int8',
    updated_at: 'int8',
    team_id: 'int4',
    category: 'text',
    sla_first_response_due_at: 'int8',
    sla_first_response_risk_at: 'int8',
    sla_resolution_due_at: 'int8',
    sla_resolution_risk_at: 'int8',
    sla_paused_at: 'int8',
    sla_paused_ms: 'int8',
    sla_alerts: 'int4',
    sla_next_alert_at: 'int8',
  },
  assignments: {
    id: 'int4',
    case_id: 'int4',
    agent_id: 'int4',
    assigned_at: 'int8',
    ended_at: 'int8',
    end_reason: 'text',
  },
  messages: { id: 'int4', case_id: 'int4', author_id: 'int4', body: 'text', visibility: 'text', created_at: 'int8' },
  activity: {
    id: 'int4',
    type: 'text',
    case_id: 'int4',
    agent_id: 'int4',
    actor_id: 'int4',
    from_value: 'text',
    to_value: 'text',
    reason: 'text',
    visibility: 'text',
    created_at: 'int8',
  },
  csat_ratings: { case_id: 'int4', customer_id: 'int4', rating: 'int4', comment: 'text', created_at: 'int8' },
  kb_feedback: {
    id: 'int4',
    session: 'text',
    event: 'text',
    slug: 'text',
    case_id: 'int4',
    user_id: 'int4',
    created_at: 'int8',
  },
} as const satisfies Record<string, Record<string, PgType>>;

export type TableName = keyof typeof COLUMNS;
/** Foreign keys point backwards in this order, so a chunk is inserted table by table in it. */
export const TABLE_ORDER = Object.keys(COLUMNS) as TableName[];
type Value = string | number | null;

/** One table's rows of a chunk, flattened in column order (what a multi-row VALUES list binds). */
export class Rows {
  readonly values: Value[] = [];
  count = 0;
  constructor(readonly table: TableName) {}
  add(row: Value[]) {
    for (const value of row) this.values.push(value);
    this.count++;
  }
}
export type Chunk = Record<TableName, Rows>;

export function newChunk(): Chunk {
  return Object.fromEntries(TABLE_ORDER.map((table) => [table, new Rows(table)])) as Chunk;
}

export interface Sink {
  write(chunk: Chunk): Promise<void>;
  /** Sets every agent's last_assigned_at (known only after all cases), then leaves the database as the server expects it. */
  finish(lastAssignedAt: { agentIds: number[]; times: number[] }): Promise<void>;
}

const columnNames = (table: TableName) => Object.keys(COLUMNS[table]);

export function openSqliteSink(dataDir: string): Sink {
  const db = new BetterSqlite3(join(dataDir, 'caseflow.sqlite'));
  // Bulk-load settings for this connection only: nothing to fsync, a 1 GB page cache for the random
  // index inserts. The server opens its own connection with synchronous = NORMAL again.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const statements = new Map<string, BetterSqlite3.Statement>();
  // SQLite binds at most 32,766 parameters per statement; a few hundred rows per INSERT is the sweet spot.
  const rowsPerStatement = (table: TableName) => Math.floor(8_000 / columnNames(table).length);
  const statementFor = (table: TableName, rows: number) => {
    const key = `${table}:${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${columnNames(table)
        .map(() => '?')
        .join(',')})`;
      statement = db.prepare(
        `insert into ${table} (${columnNames(table).join(',')}) values ${Array(rows).fill(tuple).join(',')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  const insertChunk = db.transaction((chunk: Chunk) => {
    for (const table of TABLE_ORDER) {
      const { values, count } = chunk[table];
      const width = columnNames(table).length;
      const step = rowsPerStatement(table);
      for (let first = 0; first < count; first += step) {
        const rows = Math.min(step, count - first);
        statementFor(table, rows).run(values.slice(first * width, (first + rows) * width));
      }
    }
  });
  return {
    write: async (chunk) => insertChunk(chunk),
    finish: async ({ agentIds, times }) => {
      const update = db.prepare('update agents set last_assigned_at = ? where user_id = ?');
      db.transaction(() => {
        for (const [index, id] of agentIds.entries()) update.run(times[index], id);
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export async function openPostgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Losing the last commits in an OS crash is fine while loading a benchmark data set.
  await client.query('set synchronous_commit = off');
  // Rows are consistent by construction, so skip the per-row foreign-key triggers (superusers only;
  // anyone else loads with the checks, only slower).
  await client.query('set session_replication_role = replica').catch(() => undefined);
  const insertSql = (table: TableName) => {
    const entries = Object.entries(COLUMNS[table]);
    const arrays = entries.map(([, type], index) => `$${index + 1}::${type}[]`).join(',');
    return `insert into ${table} (${entries.map(([name]) => name).join(',')}) select * from unnest(${arrays})`;
  };
  const ROWS_PER_STATEMENT = 10_000;
  return {
    async write(chunk) {
      await client.query('begin');
      for (const table of TABLE_ORDER) {
        const { values, count } = chunk[table];
        const width = columnNames(table).length;
        for (let first = 0; first < count; first += ROWS_PER_STATEMENT) {
          const rows = Math.min(ROWS_PER_STATEMENT, count - first);
          // One array per column: the statement text stays the same whatever the batch size.
          const columns = Array.from({ length: width }, (_, column) =>
            Array.from({ length: rows }, (_, row) => values[(first + row) * width + column]),
          );
          await client.query(insertSql(table), columns);
        }
      }
      await client.query('commit');
    },
    async finish({ agentIds, times }) {
      await client.query(
        `update agents set last_assigned_at = v.t
           from unnest($1::int4[], $2::int8[]) as v(id, t) where agents.user_id = v.id`,
        [agentIds, times],
      );
      // Explicit ids were inserted, so the serial sequences must move past them.
      for (const table of ['users', 'teams', 'cases', 'assignments', 'messages', 'activity', 'kb_feedback']) {
        await client.query(
          `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 1))`,
        );
      }
      // What autovacuum would do shortly after such a load; the planner needs the statistics.
      await client.query('vacuum analyze');
      await client.end();
    },
  };
}
