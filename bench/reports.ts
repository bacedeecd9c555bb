// Reports benchmark (issue #23, SPEC §13): GET /reports/summary over 90 days of a 1,000,000-case
// database (target p95 ≤ 1 s on both engines), and the durable SLA timer under 10,000 active cases.
// Loads ~120 days of a busy shop with what the summary reads (cases with SLA stamps, the activity log's
// assignments, resolutions, reopens and breaches, CSAT ratings, help-center visits), explains the
// summary's queries, times the real server over HTTP, then restamps 10,000 running cases so that a
// chunk of them breach within seconds and watches the timer raise each `sla.breached` once.
// Usage: npx tsx bench/reports.ts [--pg] [--postgres ADMIN_URL] [--reuse DIR] [--keep]
//          [--cases 1000000] [--days 120] [--teams 4] [--warmup 5] [--samples 30]
//          [--active 10000] [--due 5000] [--window 5] [--processes N] [--json]
//   --pg: PostgreSQL in a fresh database `cf_reports_bench` (dropped afterwards unless --keep) on
//   postgres://postgres@127.0.0.1:5432 (or --postgres ADMIN_URL); SQLite in a temp dir otherwise.
//   --reuse DIR (SQLite) / --pg --keep then --pg --reuse: measure an earlier load again; the SLA phase
//   restamps and breaches 10,000 of its cases each time.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { bulkLoad, type LoadSummary, progressBar } from './lib/bulk-load.js';
import { verifyLoad } from './lib/load-checks.js';
import { runStatement } from './lib/postgres.js';
import { explainReportQueries, formatReportPlans } from './lib/report-explain.js';
import { ADMIN, api, type ServerProcess, startServer } from './lib/server-process.js';
import { type BurstOutcome, prepareSlaBurst, watchSlaBurst } from './lib/sla-burst.js';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'cf_reports_bench' },
    reuse: { type: 'string' },
    keep: { type: 'boolean', default: false },
    cases: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '10000' },
    days: { type: 'string', default: '120' },
    teams: { type: 'string', default: '4' },
    period: { type: 'string', default: '90' },
    warmup: { type: 'string', default: '5' },
    samples: { type: 'string', default: '30' },
    active: { type: 'string', default: '10000' },
    due: { type: 'string', default: '5000' },
    window: { type: 'string', default: '5' },
    lead: { type: 'string', default: '10' },
    processes: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const engine = values.pg ? 'postgres' : 'sqlite';
const DAY_MS = 86_400_000;
const cases = Number(values.cases);
const resultsDir = new URL('results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
/** A smaller trial run does not overwrite the files RESULTS.md points to. */
const resultsSuffix = cases === 1_000_000 ? '' : `-${cases}`;
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Number(ms.toFixed(1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// 1. The database: a fresh PostgreSQL database of our own, or a temp SQLite dir (or one reused).
let databaseUrl: string | undefined;
if (values.pg) {
  const url = new URL(values.postgres);
  url.pathname = `/${values.database}`;
  databaseUrl = url.toString();
  if (!values.reuse) {
    await runStatement(values.postgres, `drop database if exists ${values.database} with (force)`);
    await runStatement(values.postgres, `create database ${values.database}`);
  }
}
const dataDir = values.reuse && !values.pg ? values.reuse : mkdtempSync(join(tmpdir(), 'caseflow-reports-'));
let load: (LoadSummary & { rowsPerSecond: number }) | undefined;
if (!values.reuse) {
  console.error(`loading ${cases.toLocaleString('en')} cases over ${values.days} days into ${databaseUrl ?? dataDir}…`);
  const summary = await bulkLoad({
    cases,
    agents: Number(values.agents),
    customers: Math.max(1, Math.round(cases / 10)),
    databaseUrl,
    dataDir,
    spanDays: Number(values.days),
    reportFacts: { teams: Number(values.teams) },
    onProgress: progressBar(cases),
  });
  load = { ...summary, rowsPerSecond: Math.round(summary.totalRows / summary.seconds) };
  console.error(JSON.stringify(load));
}
const database = openDatabase({ url: databaseUrl, dataDir });
// A database loaded by an earlier build gets this build's migrations (report_days and its triggers).
await migrateToLatest(database);
const invariants = await verifyLoad(database.db);
console.error('invariant checks (all 0 when the data set is consistent):', JSON.stringify(invariants));

// 2. The summary's queries on their own, with their plans.
const to = Date.now();
const from = to - Number(values.period) * DAY_MS;
const lastClosedDay = Math.floor(to / DAY_MS) * DAY_MS - DAY_MS;
const variants: { name: string; query: Record<string, string>; filter: { teamId?: number; priorityRank?: number } }[] =
  [
    { name: `last ${values.period} days`, query: {}, filter: {} },
    { name: 'team 2', query: { team: '2' }, filter: { teamId: 2 } },
    { name: 'priority high', query: { priority: 'high' }, filter: { priorityRank: 1 } },
    { name: 'priority urgent', query: { priority: 'urgent' }, filter: { priorityRank: 0 } },
  ];
console.error('explaining the summary queries…');
const explained = await explainReportQueries({
  engine,
  dataDir,
  databaseUrl,
  // What a summary runs on a day it has not kept yet (and on the hours around the kept days).
  filters: variants.map((variant) => ({
    name: variant.name,
    filter: { from: lastClosedDay, to: lastClosedDay + DAY_MS, ...variant.filter },
  })),
  runs: 1,
});
const explainFile = join(resultsDir, `explain-reports-${engine}${resultsSuffix}.txt`);
writeFileSync(explainFile, formatReportPlans(engine, explained));
for (const entry of explained) console.error(`  ${entry.label}: ${entry.medianMs} ms, ${entry.rows} rows`);
console.error(`plans in ${explainFile}`);

// 3. GET /reports/summary over HTTP, one request at a time, against the real server.
const processes = Number(values.processes ?? (values.pg ? 2 : 1));
const servers: ServerProcess[] = [];
const hasExited = (server: ServerProcess) => server.child.exitCode !== null || server.child.signalCode !== null;
/** Servers a signal from outside stopped mid-run (a shared machine's cleanup): that part is measured again. */
const restarts: string[] = [];
const MAX_ATTEMPTS = 3;
async function ensureServers(count: number) {
  for (const [index, server] of servers.entries()) {
    if (!hasExited(server)) continue;
    restarts.push(`${server.url}: ${server.child.signalCode ?? server.child.exitCode}`);
    console.error(
      `the server at ${server.url} exited (${server.child.signalCode ?? server.child.exitCode}); restarting`,
    );
    servers[index] = await startServer({ dataDir, databaseUrl });
  }
  while (servers.length < count) servers.push(await startServer({ dataDir, databaseUrl }));
  return servers[0] as ServerProcess;
}
/** Runs `work` again (up to 3 times) when a server exited under it; any other failure ends the run. */
async function withLiveServers<T>(count: number, work: (first: ServerProcess) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const first = await ensureServers(count);
    try {
      const result = await work(first);
      if (servers.some(hasExited)) throw new Error('a server exited during the measurement');
      return result;
    } catch (error) {
      // A signalled server drains its requests first: the client sees a reset before the exit.
      for (let waited = 0; waited < 30 && !servers.some(hasExited); waited++) await sleep(500);
      if (!servers.some(hasExited) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

async function timeSummary(first: ServerProcess, variant: (typeof variants)[number]) {
  const { token } = await api<{ token: string }>(first.url, 'POST', '/auth/login', { body: ADMIN });
  const query = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...variant.query,
  });
  const path = `/reports/summary?${query}`;
  const timings: number[] = [];
  // The first request tallies every closed day the variant has not kept yet.
  let firstMs = 0;
  let created = 0;
  for (let index = 0; index < Number(values.warmup) + Number(values.samples); index++) {
    const started = performance.now();
    const response = await fetch(`${first.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { cases?: { created: number } };
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
    if (index === 0) firstMs = performance.now() - started;
    if (index >= Number(values.warmup)) timings.push(performance.now() - started);
    created = body.cases?.created ?? 0;
    if (index === 0) console.error(`  ${variant.name}: ${JSON.stringify(body)}`);
  }
  timings.sort((a, b) => a - b);
  return {
    name: variant.name,
    path,
    p50: round(percentile(timings, 50)),
    p95: round(percentile(timings, 95)),
    max: round(timings.at(-1) ?? 0),
    firstMs: round(firstMs),
    created,
  };
}

const reads: Awaited<ReturnType<typeof timeSummary>>[] = [];
let sla:
  | {
      processes: number;
      active: number;
      due: number;
      windowSeconds: number;
      spread: BurstOutcome;
      atOnce: BurstOutcome;
    }
  | undefined;
try {
  for (const variant of variants) {
    const row = await withLiveServers(1, (first) => timeSummary(first, variant));
    reads.push(row);
    console.error(
      `summary, ${variant.name}: first ${row.firstMs} ms, then p50 ${row.p50} / p95 ${row.p95} / max ${row.max} ms`,
    );
  }

  // 4. The SLA timer: every process runs it; the chunk due now must each breach exactly once.
  const options = {
    active: Number(values.active),
    due: Number(values.due),
    windowMs: Number(values.window) * 1000,
    leadMs: Number(values.lead) * 1000,
  };
  const runBurst = (windowMs: number) =>
    withLiveServers(processes, async () => {
      console.error(`SLA timer: ${options.due} of ${options.active} running cases due over ${windowMs / 1000} s…`);
      const burst = await prepareSlaBurst(database.db, { ...options, windowMs });
      return watchSlaBurst(database.db, burst, {
        timeoutMs: windowMs + 120_000,
        settleMs: 5_000,
        isWatched: () => !servers.some(hasExited),
      });
    });
  // Spread over a few seconds (how late is each breach?), then all due at one instant (how fast does it drain?).
  const spread = await runBurst(options.windowMs);
  const atOnce = await runBurst(0);
  sla = { processes, active: options.active, due: options.due, windowSeconds: options.windowMs / 1000, spread, atOnce };
  console.error(`SLA timer: ${JSON.stringify(sla)}`);
} finally {
  // stop() waits for an exit that has already happened otherwise.
  await Promise.all(servers.filter((server) => !hasExited(server)).map((server) => server.stop()));
  await database.close();
  const isKept = values.keep || values.reuse;
  if (values.pg && !isKept)
    await runStatement(values.postgres, `drop database if exists ${values.database} with (force)`);
  // PostgreSQL's data dir only holds the server's uploads and key: never worth keeping.
  if (values.pg || !isKept) rmSync(dataDir, { recursive: true, force: true });
  if (isKept) console.error(`kept: ${databaseUrl ?? dataDir}`);
}

// 5. Report.
// Keeping up: a case raises at most 4 crossings (2 risks, 2 breaches) in its life; 10,000 active cases
// that each stay open at least an hour need at most 10,000 × 4 / 3,600 s of them.
const neededPerSecond = Math.ceil((Number(values.active) * 4) / 3_600);
const report = {
  date: new Date().toISOString(),
  engine,
  cases,
  days: Number(values.days),
  load,
  invariants,
  samplesPerVariant: Number(values.samples),
  serverRestarts: restarts,
  reads,
  sla: sla && {
    ...sla,
    spreadArrivalPerSecond: Math.round(sla.due / sla.windowSeconds),
    steadyNeedsPerSecond: neededPerSecond,
  },
};
writeFileSync(join(resultsDir, `reports-${engine}${resultsSuffix}.json`), `${JSON.stringify(report, null, 2)}\n`);
const lines = [
  `| GET /reports/summary (${engine}) | cases created in the period | p50 ms | p95 ms | max ms | p95 ≤ 1 s |`,
  '| --- | --- | --- | --- | --- | --- |',
  ...reads.map(
    (row) =>
      `| ${row.name} | ${row.created.toLocaleString('en')} | ${row.p50} | ${row.p95} | ${row.max} | ${row.p95 <= 1000 ? 'yes' : 'NO'} |`,
  ),
  '',
  ...(restarts.length > 0
    ? [`server restarts (signalled from outside, that part measured again): ${restarts.join(', ')}`]
    : []),
  ...(sla
    ? [
        `SLA timer, ${sla.processes} process${sla.processes > 1 ? 'es' : ''}, ${sla.active.toLocaleString('en')} running cases restamped:`,
        ...(
          [
            [`${sla.due} due over ${sla.windowSeconds} s (${report.sla?.spreadArrivalPerSecond}/s)`, sla.spread],
            [`${sla.due} due at one instant`, sla.atOnce],
          ] as const
        ).map(
          ([label, burst]) =>
            `- ${label}: ${burst.raised} raised, ${burst.missing} missing, ${burst.duplicates} duplicates in the log / ` +
            `${burst.outboxDuplicates} in the outbox (${burst.outboxEvents} sla.breached events), ${burst.quietRaised} early; ` +
            `lag p50 ${burst.lagMs.p50} / p95 ${burst.lagMs.p95} / max ${burst.lagMs.max} ms; last ${burst.drainMs} ms after ` +
            `the first due time (${burst.raisedPerSecond}/s)`,
        ),
        `- needed to keep up with ${sla.active.toLocaleString('en')} active cases open an hour or more: ≤ ${neededPerSecond}/s`,
      ]
    : []),
];
if (values.json) {
  console.error(lines.join('\n'));
  console.log(JSON.stringify(report));
} else {
  console.log(lines.join('\n'));
}
