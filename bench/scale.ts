// Scale benchmark (SPEC §7): 1,000,000 cases and 10,000 agents. Loads the data set (or reuses one),
// explains every list/filter/dashboard/assignment query, times the case lists and the dashboard over
// HTTP against the real server (p50/p95/p99, target p95 ≤ 20 ms), and compares the intake assignment
// rate on that database with an empty one in the same run (target: within 20%).
// Usage: npx tsx bench/scale.ts [--postgres URL] [--reuse DIR] [--cases 1000000] [--agents 10000] [--runs 3] [--json]
//   --postgres URL: the database to load (reused as it is when it already has cases); empty ones for the
//   comparison are created beside it and dropped. --reuse DIR: a SQLite data dir filled by bench/load.ts.
// The intake runs add cases and agents to the loaded database: a reused one grows a little each run.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/db/database.js';
import { bulkLoad, type LoadSummary, progressBar, SCALE_PASSWORD } from './lib/bulk-load.js';
import { addIntakeAgents, INTAKE_AGENTS, runIntake, signUpIntakeCustomers } from './lib/intake-load.js';
import { verifyLoad } from './lib/load-checks.js';
import { createScratchDatabase } from './lib/postgres.js';
import { explainQueries, formatExplained } from './lib/scale-explain.js';
import { findSubjects, listScenarios, type Role, toPath } from './lib/scale-workload.js';
import { ADMIN, api, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string' },
    reuse: { type: 'string' },
    cases: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    'intake-agents': { type: 'string', default: String(INTAKE_AGENTS) },
    json: { type: 'boolean', default: false },
  },
});
const engine = values.postgres ? 'postgres' : 'sqlite';
const runs = Number(values.runs);
const samples = Number(values.samples);
const intake = { connections: Number(values.connections), seconds: Number(values.seconds) };
const intakeAgents = Number(values['intake-agents']);
const resultsDir = new URL('results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Number(ms.toFixed(2));

// 1. The data set.
const dataDir = values.reuse ?? mkdtempSync(join(tmpdir(), 'caseflow-scale-'));
const loaded = openDatabase({ url: values.postgres, dataDir });
const existingCases = await loaded.db
  .selectFrom('cases')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .executeTakeFirst()
  .catch(() => undefined);
await loaded.close();
let load: (LoadSummary & { rowsPerSecond: number }) | undefined;
if (Number(existingCases?.count ?? 0) === 0) {
  const cases = Number(values.cases);
  console.error(`loading ${cases.toLocaleString('en')} cases into ${values.postgres ? 'PostgreSQL' : dataDir}…`);
  const summary = await bulkLoad({
    cases,
    agents: Number(values.agents),
    customers: Math.max(1, Math.round(cases / 10)),
    databaseUrl: values.postgres,
    dataDir,
    onProgress: progressBar(cases),
  });
  load = { ...summary, rowsPerSecond: Math.round(summary.totalRows / summary.seconds) };
  console.error(JSON.stringify(load));
} else {
  console.error(`reusing ${Number(existingCases?.count).toLocaleString('en')} cases`);
}

// 2. Invariants of what is there, the people the scenarios act as, and the query plans.
const database = openDatabase({ url: values.postgres, dataDir });
const invariants = await verifyLoad(database.db);
const subjects = await findSubjects(database.db);
await database.close();
console.error('invariant checks (all 0 when the data set is consistent):', JSON.stringify(invariants));
const scenarios = listScenarios(subjects);
const explained = await explainQueries({ engine, dataDir, databaseUrl: values.postgres, subjects, scenarios });
const explainFile = join(resultsDir, `explain-${engine}.txt`);
writeFileSync(explainFile, formatExplained(engine, explained));
const flagged = explained.flatMap((entry) =>
  entry.flag ? [`${entry.label}: ${entry.flag} (${entry.medianMs} ms)`] : [],
);
console.error(
  `plans in ${explainFile}; flagged:${flagged.length ? flagged.map((line) => `\n  ${line}`).join('') : ' none'}`,
);

// 3. Reads over HTTP, one request at a time (latency, not throughput), on the loaded database.
async function timeRequests(url: string, path: string, token: string) {
  const timings: number[] = [];
  for (let index = 0; index < samples + 10; index++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    if (index >= 10) timings.push(performance.now() - started);
  }
  const sorted = timings.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const server = await startServer({ dataDir, databaseUrl: values.postgres });
const reads = new Map<string, { path: string; p50: number[]; p95: number[]; p99: number[] }>();
const intakeRuns: { empty: number; loaded: number; emptyP99: number; loadedP99: number; non2xx: number }[] = [];
try {
  const login = async (email: string, password: string) =>
    (await api<{ token: string }>(server.url, 'POST', '/auth/login', { body: { email, password } })).token;
  const tokens: Record<Role, string> = {
    admin: await login(ADMIN.email, ADMIN.password),
    agent: await login(subjects.agent.email, SCALE_PASSWORD),
    heavyCustomer: await login(subjects.heavyCustomer.email, SCALE_PASSWORD),
    customer: await login(subjects.customer.email, SCALE_PASSWORD),
  };
  const endpoints = [
    ...scenarios.map((scenario) => ({ name: scenario.name, path: toPath(scenario), token: tokens[scenario.role] })),
    { name: 'dashboard (counts, oldest, every agent, hourly)', path: '/dashboard', token: tokens.admin },
  ];
  for (let run = 1; run <= runs; run++) {
    console.error(`reads, run ${run} of ${runs}…`);
    for (const endpoint of endpoints) {
      const timing = await timeRequests(server.url, endpoint.path, endpoint.token);
      const entry = reads.get(endpoint.name) ?? { path: endpoint.path, p50: [], p95: [], p99: [] };
      entry.p50.push(timing.p50);
      entry.p95.push(timing.p95);
      entry.p99.push(timing.p99);
      reads.set(endpoint.name, entry);
    }
  }

  // 4. Intake with assignment: an empty database, then the loaded one, in every run.
  for (let run = 1; run <= runs; run++) {
    const tag = `scale${Date.now().toString(36)}`;
    const scratch = values.postgres ? await createScratchDatabase(values.postgres, 'caseflow_scale_empty') : undefined;
    const emptyDir = mkdtempSync(join(tmpdir(), 'caseflow-scale-empty-'));
    const empty = await startServer({ dataDir: emptyDir, databaseUrl: scratch?.url });
    let emptyResult: Awaited<ReturnType<typeof runIntake>>;
    try {
      const adminToken = (await api<{ token: string }>(empty.url, 'POST', '/auth/login', { body: ADMIN })).token;
      await addIntakeAgents(empty.url, adminToken, intakeAgents, tag);
      emptyResult = await runIntake([empty.url], await signUpIntakeCustomers(empty.url, 64, tag), intake);
    } finally {
      await empty.stop();
      rmSync(emptyDir, { recursive: true, force: true });
      await scratch?.drop();
    }
    await addIntakeAgents(server.url, tokens.admin, intakeAgents, tag);
    const loadedResult = await runIntake([server.url], await signUpIntakeCustomers(server.url, 64, tag), intake);
    intakeRuns.push({
      empty: emptyResult.casesPerSecond,
      loaded: loadedResult.casesPerSecond,
      emptyP99: emptyResult.p99Ms,
      loadedP99: loadedResult.p99Ms,
      non2xx: emptyResult.non2xx + loadedResult.non2xx,
    });
    console.error(`intake, run ${run} of ${runs}: ${JSON.stringify(intakeRuns.at(-1))}`);
  }
} finally {
  await server.stop();
}
if (!values.reuse) rmSync(dataDir, { recursive: true, force: true });

// 5. Report: medians over the runs.
const readRows = [...reads].map(([name, entry]) => ({
  name,
  path: entry.path,
  p50: round(median(entry.p50)),
  p95: round(median(entry.p95)),
  p99: round(median(entry.p99)),
}));
const ratios = intakeRuns.map((entry) => entry.loaded / entry.empty);
const report = {
  date: new Date().toISOString(),
  engine,
  runs,
  samplesPerEndpoint: samples,
  load,
  invariants,
  subjects,
  flagged,
  reads: readRows,
  intake: {
    runs: intakeRuns,
    medianEmpty: median(intakeRuns.map((entry) => entry.empty)),
    medianLoaded: median(intakeRuns.map((entry) => entry.loaded)),
    medianRatio: Number(median(ratios).toFixed(3)),
    target: 'loaded ≥ 0.80 × empty',
  },
};
writeFileSync(join(resultsDir, `scale-${engine}.json`), `${JSON.stringify(report, null, 2)}\n`);
const isList = (row: (typeof readRows)[number]) => row.path.startsWith('/cases');
const table = [
  '| endpoint | p50 ms | p95 ms | p99 ms | p95 ≤ 20 ms |',
  '| --- | --- | --- | --- | --- |',
  ...readRows.map((row) => `| ${row.name} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.p95 <= 20 ? 'yes' : 'NO'} |`),
  '',
  `intake (cases/s, medians of ${runs}): empty ${report.intake.medianEmpty}, loaded ${report.intake.medianLoaded}, ` +
    `median ratio ${report.intake.medianRatio} (target ≥ 0.80: ${report.intake.medianRatio >= 0.8 ? 'met' : 'MISSED'})`,
].join('\n');
if (values.json) {
  // For bench/run-all.ts: the table goes to stderr, one line of figures to stdout.
  console.error(table);
  console.log(
    JSON.stringify({
      listsWorstP95Ms: Math.max(...readRows.filter(isList).map((row) => row.p95)),
      dashboardP95Ms: readRows.find((row) => !isList(row))?.p95,
      assignmentRatio: report.intake.medianRatio,
      emptyCasesPerSecond: report.intake.medianEmpty,
      loadedCasesPerSecond: report.intake.medianLoaded,
      flaggedPlans: flagged.length,
      invariantViolations: Object.values(invariants).reduce((sum, count) => sum + count, 0),
      ...(load ? { loadSeconds: load.seconds, loadRowsPerSecond: load.rowsPerSecond } : {}),
    }),
  );
} else {
  console.log(table);
}
