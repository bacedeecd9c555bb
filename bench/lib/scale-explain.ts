// Plans of the queries the app really sends: the repository functions run against a Kysely instance
// that logs their SQL, then each statement is explained (SQLite EXPLAIN QUERY PLAN, PostgreSQL
// EXPLAIN (ANALYZE, BUFFERS)) and timed on its own, without HTTP.

import { join } from 'node:path';
import { DASHBOARD_AGENTS } from '@caseflow/contract';
import BetterSqlite3 from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Engine } from '../../apps/server/src/db/database.js';
import type { Tables } from '../../apps/server/src/db/schema.js';
import {
  agentTotals,
  busiestAgentsQuery,
  listAgentRows,
} from '../../apps/server/src/features/agents/agents.repository.js';
import {
  hasAssignableWork,
  lockFreeMembersWithoutQueue,
  lockNextFreeMember,
  lockNextQueuedCase,
} from '../../apps/server/src/features/assignment/assignment.repository.js';
import {
  countCasesPerHour,
  countQueuedAndPending,
  findCaseRow,
  listCaseRows,
  oldestQueued,
} from '../../apps/server/src/features/cases/cases.repository.js';
import { type ListScenario, type Subjects, toFilter } from './scale-workload.js';

/** Big tables: reading one of them whole is what the scale target forbids. */
const BIG_TABLE = '(cases|activity|messages|assignments|users)';

/**
 * What is worth a look in a plan, or undefined. SQLite's `SCAN cases` in id order with no sort
 * stops at the LIMIT (a page), so it is told apart from a scan that reads everything; PostgreSQL also
 * shows index walks that throw most rows away.
 */
function flagOf(engine: Engine, sqlText: string, plan: string[]): string | undefined {
  const text = plan.join('\n');
  if (engine === 'sqlite') {
    const scan = new RegExp(`\\bSCAN ${BIG_TABLE}\\b(?! USING)`).exec(text);
    if (!scan) return undefined;
    const isPaged = /order by "cases"\."id" desc limit \?$/.test(sqlText) && !/TEMP B-TREE FOR ORDER BY/.test(text);
    return isPaged ? `SCAN ${scan[1]} newest first, stops after a page of matches` : `FULL SCAN of ${scan[1]}`;
  }
  const seq = new RegExp(`Seq Scan on ${BIG_TABLE}\\b`).exec(text);
  if (seq) return `FULL SCAN of ${seq[1]}`;
  const removed = [...text.matchAll(/Rows Removed by Filter: (\d+)/g)].map((match) => Number(match[1]));
  const most = Math.max(0, ...removed);
  return most >= 10_000 ? `filters out ${most.toLocaleString('en')} rows` : undefined;
}

interface Explained {
  label: string;
  sql: string;
  medianMs: number;
  plan: string[];
  flag: string | undefined;
}

/** Runs `work` against a logging Kysely and returns the SQL statements it sent (transactions left out). */
async function captureQueries(captured: CompiledQuery[], work: () => Promise<unknown>) {
  captured.length = 0;
  await work();
  return captured.filter((query) => !/^\s*(begin|commit|rollback)/i.test(query.sql));
}

/** The middle of the timings (shared with report-explain.ts). */
export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function explainQueries(options: {
  engine: Engine;
  dataDir: string;
  databaseUrl?: string | undefined;
  subjects: Subjects;
  scenarios: ListScenario[];
}): Promise<Explained[]> {
  const { engine, subjects } = options;
  const captured: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const file = engine === 'sqlite' ? new BetterSqlite3(join(options.dataDir, 'caseflow.sqlite')) : undefined;
  const pool = engine === 'postgres' ? new pg.Pool({ connectionString: options.databaseUrl, max: 1 }) : undefined;
  const dialect = file ? new SqliteDialect({ database: file }) : new PostgresDialect({ pool: pool! });
  const db = new Kysely<Tables>({ dialect, log });

  const workloads: [string, () => Promise<unknown>][] = [
    ...options.scenarios.map((scenario): [string, () => Promise<unknown>] => [
      `GET ${scenario.name}`,
      () => listCaseRows(db, toFilter(scenario, subjects)),
    ]),
    ['GET /cases/:id', () => findCaseRow(db, subjects.deepCaseId, { customerId: null })],
    ['dashboard: queued and pending cases', () => countQueuedAndPending(db)],
    ['dashboard: agent totals', () => agentTotals(db)],
    ['dashboard: busiest agents', () => busiestAgentsQuery(db, DASHBOARD_AGENTS).execute()],
    ['dashboard: oldest queued case', () => oldestQueued(db)],
    ['dashboard: cases per hour (created, resolved)', () => countCasesPerHour(db, Date.now() - 24 * 3_600_000)],
    ['GET /agents, first page', () => listAgentRows(db, { limit: 26 })],
    [
      'assignment: next free member of the default team',
      () => db.transaction().execute((trx) => lockNextFreeMember(trx, 1)),
    ],
    [
      'intake: first 64 free members of the default team',
      () => db.transaction().execute((trx) => lockFreeMembersWithoutQueue(trx, 1, 64)),
    ],
    ['assignment: next queued case', () => db.transaction().execute((trx) => lockNextQueuedCase(trx))],
    ['assignment: settle check', () => hasAssignableWork(db)],
  ];

  const results: Explained[] = [];
  try {
    for (const [label, work] of workloads) {
      const queries = await captureQueries(captured, work);
      for (const [index, query] of queries.entries()) {
        const parameters = [...query.parameters];
        const plan = file
          ? explainSqlite(file, query.sql, parameters)
          : await explainPostgres(pool!, query.sql, parameters);
        const timings: number[] = [];
        for (let run = 0; run < 15; run++) {
          const started = performance.now();
          if (file) file.prepare(query.sql).all(parameters);
          else await pool!.query(query.sql, parameters);
          timings.push(performance.now() - started);
        }
        results.push({
          label: queries.length > 1 ? `${label} #${index + 1}` : label,
          sql: query.sql,
          medianMs: Number(median(timings).toFixed(2)),
          plan,
          flag: flagOf(engine, query.sql, plan),
        });
      }
    }
  } finally {
    await db.destroy();
  }
  return results;
}

/** SQLite's plan as an indented tree, one line a step (shared with report-explain.ts). */
export function explainSqlite(file: BetterSqlite3.Database, sqlText: string, parameters: unknown[]) {
  const rows = file.prepare(`explain query plan ${sqlText}`).all(parameters) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level - 1)}${row.detail}`;
  });
}

/** PostgreSQL's plan with actual times and buffers (shared with report-explain.ts). */
export async function explainPostgres(pool: pg.Pool, sqlText: string, parameters: unknown[]) {
  const result = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sqlText}`, parameters);
  return result.rows.map((row) => row['QUERY PLAN']);
}

export function formatExplained(engine: Engine, explained: Explained[]) {
  const lines = [`# EXPLAIN of every list, filter, dashboard and assignment query (${engine})`, ''];
  for (const entry of explained) {
    lines.push(`== ${entry.label} — ${entry.medianMs} ms median${entry.flag ? ` — ${entry.flag}` : ''}`);
    lines.push(entry.sql, ...entry.plan.map((line) => `  ${line}`), '');
  }
  return lines.join('\n');
}
