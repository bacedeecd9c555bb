// Plans of the queries behind GET /reports/summary, as the reports and help-center repositories send
// them: each statement is captured from a logging Kysely, explained (SQLite EXPLAIN QUERY PLAN,
// PostgreSQL EXPLAIN (ANALYZE, BUFFERS)) and timed on its own, without HTTP and without the JavaScript
// that turns its rows into figures.

import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Engine } from '../../apps/server/src/db/database.js';
import type { Tables } from '../../apps/server/src/db/schema.js';
import { countFirstVisits } from '../../apps/server/src/features/kb/kb.repository.js';
import {
  breaches,
  createdCases,
  type ReportFilter,
  ratings,
  statusChanges,
} from '../../apps/server/src/features/reports/reports.repository.js';
import { explainPostgres, explainSqlite, median } from './scale-explain.js';

export interface ExplainedReportQuery {
  label: string;
  sql: string;
  rows: number;
  medianMs: number;
  plan: string[];
}

export async function explainReportQueries(options: {
  engine: Engine;
  dataDir: string;
  databaseUrl?: string | undefined;
  filters: { name: string; filter: ReportFilter }[];
  runs?: number;
}): Promise<ExplainedReportQuery[]> {
  const captured: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const file =
    options.engine === 'sqlite'
      ? new BetterSqlite3(join(options.dataDir, 'caseflow.sqlite'), { readonly: true })
      : undefined;
  const pool = file ? undefined : new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  const dialect = file ? new SqliteDialect({ database: file }) : new PostgresDialect({ pool: pool as pg.Pool });
  const db = new Kysely<Tables>({ dialect, log });
  const results: ExplainedReportQuery[] = [];
  try {
    for (const { name, filter } of options.filters) {
      const workloads: [string, () => Promise<unknown>][] = [
        ['created cases (+ first case.assigned)', () => createdCases(db, filter)],
        ['resolutions and reopens', () => statusChanges(db, filter)],
        ['breaches', () => breaches(db, filter)],
        ['ratings', () => ratings(db, filter)],
        ['help center: first visits', () => countFirstVisits(db, filter)],
      ];
      for (const [label, work] of workloads) {
        captured.length = 0;
        await work();
        for (const query of captured) {
          const parameters = [...query.parameters];
          const timings: number[] = [];
          let rows = 0;
          for (let run = 0; run < (options.runs ?? 3); run++) {
            const started = performance.now();
            rows = file
              ? file.prepare(query.sql).all(parameters).length
              : ((await (pool as pg.Pool).query(query.sql, parameters)).rowCount ?? 0);
            timings.push(performance.now() - started);
          }
          const plan = file
            ? explainSqlite(file, query.sql, parameters)
            : await explainPostgres(pool as pg.Pool, query.sql, parameters);
          results.push({
            label: `${name}: ${label}`,
            sql: query.sql,
            rows,
            medianMs: Number(median(timings).toFixed(1)),
            plan,
          });
        }
      }
    }
  } finally {
    await db.destroy();
  }
  return results;
}

export function formatReportPlans(engine: Engine, explained: ExplainedReportQuery[]) {
  const lines = [`# EXPLAIN of the queries behind GET /reports/summary (${engine})`, ''];
  for (const entry of explained) {
    lines.push(`== ${entry.label} — ${entry.medianMs} ms median, ${entry.rows.toLocaleString('en')} rows`);
    lines.push(entry.sql, ...entry.plan.map((line) => `  ${line}`), '');
  }
  return lines.join('\n');
}
