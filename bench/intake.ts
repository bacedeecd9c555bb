// Intake benchmark: authenticated POST /api/v1/cases with assignment, 64 connections (autocannon).
// Usage: npx tsx bench/intake.ts [--seconds 10] [--connections 64] [--postgres URL --processes 2]
//        [--implementation naive] [--skip-baseline] [--scenario single|teams] [--triage offline|off]
//        [--messages one|shipped]
// --triage off runs the intake without triage; --messages shipped sends the triage set's 1,650 real
// customer messages in turn (a different one with every request) instead of one short case, so the
// two together measure what triage costs a case of a real length.
// --scenario teams (SPEC §8) first creates three specialist teams beside the default one, puts each
// agent in one or two of them and gives the cases categories (bench/lib/intake-teams.ts); single, the
// default, leaves every agent and case in the default team.
// Each load is preceded by a 1-second warm-up that is not measured.
// Prints one JSON line: throughput, p99, the same-run baseline and ratio (SQLite), the server's RSS
// idle and at its peak under load, and the invariant checker's verdict over everything written.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/db/database.js';
import { checkInvariants } from '../apps/server/src/features/assignment/invariant-checker.js';
import {
  addIntakeAgents,
  INTAKE_AGENTS,
  runIntake,
  shippedMessageBodies,
  signUpIntakeCustomers,
} from './lib/intake-load.js';
import { intakeTeamBodies, setUpIntakeTeams } from './lib/intake-teams.js';
import { createScratchDatabase, runStatement } from './lib/postgres.js';
import { cpuMs, rssMb, samplePeakRss } from './lib/process-stats.js';
import { ADMIN, api, asServerProcess, freePort, type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    postgres: { type: 'string' },
    processes: { type: 'string', default: '1' },
    agents: { type: 'string', default: String(INTAKE_AGENTS) },
    implementation: { type: 'string', default: 'caseflow' },
    'skip-baseline': { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'single' },
    // SPEC §9: `off` runs the intake without triage, to compare its cost in the same run.
    triage: { type: 'string', default: 'offline' },
    // `shipped`: every request a different real customer message (the triage set's 1,650), not one line.
    messages: { type: 'string', default: 'one' },
  },
});
if (values.messages !== 'one' && values.messages !== 'shipped') {
  throw new Error(`--messages must be one or shipped, not ${values.messages}`);
}
if (values.triage !== 'offline' && values.triage !== 'off') {
  throw new Error(`--triage must be offline or off, not ${values.triage}`);
}
if (values.scenario !== 'single' && values.scenario !== 'teams') {
  throw new Error(`--scenario must be single or teams, not ${values.scenario}`);
}
const withTeams = values.scenario === 'teams';
const messages = values.messages === 'shipped' ? shippedMessageBodies() : undefined;
if (messages && withTeams) throw new Error('--messages shipped runs the single scenario');
// The naive server (bench/naive-server.ts) knows nothing of teams: it would put every case anywhere.
if (withTeams && values.implementation === 'naive') throw new Error('--scenario teams runs Caseflow only');
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const processes = Number(values.processes);
const naive = values.implementation === 'naive';
const WARMUP_SECONDS = 1;

const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-bench-'));

/** Spawns a bench/*.ts server script and waits for it to answer. */
async function startScript(script: string, args: string[]): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(port), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  return asServerProcess(child, `http://127.0.0.1:${port}`);
}

/**
 * Runs the load against the servers and adds what it cost them: CPU µs per request, all threads of
 * all server processes. On a shared machine that is steadier than requests per second.
 */
async function loadServers(servers: ServerProcess[], tokens: string[], bodies?: readonly string[]) {
  const serverCpuMs = () => servers.reduce((sum, server) => sum + cpuMs(server.child.pid), 0);
  const urls = servers.map((server) => server.url);
  // Not measured: what a process does once (JIT, prepared statements, training the triage model on its
  // first case) is not a cost per case.
  await runIntake(urls, tokens, { connections, seconds: WARMUP_SECONDS, bodies, messages });
  const before = serverCpuMs();
  const result = await runIntake(urls, tokens, { connections, seconds, bodies, messages });
  const requests = result.casesPerSecond * seconds;
  return { ...result, serverCpuUsPerRequest: Math.round(((serverCpuMs() - before) * 1000) / requests) };
}

/** Fastify + one SQLite insert, loaded the same way in the same run: the yardstick for the ratio. */
async function measureBaseline() {
  const server = await startScript('bench/baseline-server.ts', [join(dataDir, 'baseline.sqlite')]);
  try {
    const result = await loadServers([server], []);
    return {
      requestsPerSecond: result.casesPerSecond,
      p99Ms: result.p99Ms,
      serverCpuUsPerRequest: result.serverCpuUsPerRequest,
    };
  } finally {
    await server.stop();
  }
}

const scratch = values.postgres ? await createScratchDatabase(values.postgres, 'caseflow_bench') : undefined;
const databaseUrl = scratch?.url;
let summary: Record<string, unknown> = {};
try {
  const baseline = values.postgres || values['skip-baseline'] ? undefined : await measureBaseline();
  let servers: ServerProcess[] = [];
  for (let i = 0; i < processes; i++) {
    servers.push(await startServer({ dataDir, databaseUrl, env: { TRIAGE: values.triage } }));
  }
  try {
    const first = servers[0];
    if (!first) throw new Error('no server');
    const idleRssMb = rssMb(first.child.pid);
    const admin = await api<{ token: string }>(first.url, 'POST', '/auth/login', { body: ADMIN });
    // Enough capacity that every case is assigned: agents at capacity 50, invited (no password hashing).
    console.error(`creating ${values.agents} agents…`);
    const agentIds = await addIntakeAgents(first.url, admin.token, Number(values.agents), 'intake');
    const teamMembers = withTeams ? await setUpIntakeTeams(first.url, admin.token, agentIds) : undefined;
    const bodies = withTeams ? intakeTeamBodies(connections) : undefined;
    const tokens = await signUpIntakeCustomers(first.url, 64, 'intake');
    // The tables just filled get planner statistics, as autovacuum gives any database within a minute.
    // Not the still empty ones: statistics saying "empty" make PostgreSQL plan its foreign-key checks
    // as scans of cases, which then grows by thousands of rows a second (RESULTS.md, session 6).
    if (databaseUrl) await runStatement(databaseUrl, 'analyze users, agents, teams, team_members, team_categories');
    if (naive) {
      await Promise.all(servers.map((server) => server.stop()));
      servers = [];
      for (let i = 0; i < processes; i++) {
        servers.push(await startScript('bench/naive-server.ts', [dataDir, databaseUrl ?? '']));
      }
    }
    const stopSampling = samplePeakRss(servers[0]?.child.pid);
    const result = await loadServers(servers, tokens, bodies);
    const peakRssMb = stopSampling();
    summary = {
      implementation: values.implementation,
      scenario: values.scenario,
      triage: values.triage,
      messages: values.messages,
      engine: values.postgres ? 'postgres' : 'sqlite',
      processes,
      connections,
      seconds,
      warmupSeconds: WARMUP_SECONDS,
      ...result,
      idleRssMb,
      peakRssMb,
      ...(teamMembers ? { teamMembers } : {}),
      ...(baseline
        ? {
            baseline,
            ratioToBaseline: Number((result.casesPerSecond / baseline.requestsPerSecond).toFixed(3)),
            // What the ratio would be if both servers had the CPU to themselves: less noisy than req/s.
            cpuRatioToBaseline: Number((baseline.serverCpuUsPerRequest / result.serverCpuUsPerRequest).toFixed(3)),
          }
        : {}),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  // The same activity-log checker as the concurrency test, over everything this run wrote.
  const database = openDatabase({ url: databaseUrl, dataDir });
  const report = await checkInvariants(database.db);
  const queued = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'new')
    .executeTakeFirstOrThrow();
  // Where the cases went, by team: the teams scenario must fill every team's queue and members.
  const byTeam = await database.db
    .selectFrom('cases')
    .innerJoin('teams', 'teams.id', 'cases.team_id')
    .select(['teams.name', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('teams.name')
    .orderBy('teams.name')
    .execute();
  await database.close();
  summary = {
    ...summary,
    casesByTeam: Object.fromEntries(byTeam.map((row) => [row.name, Number(row.count)])),
    queuedAfter: Number(queued.count),
    assignments: report.stats.assignments,
    invariantViolations: report.violations.length,
  };
} finally {
  await scratch?.drop();
  // The baseline server's WAL alone reaches about a gigabyte in a run.
  rmSync(dataDir, { recursive: true, force: true });
}
if (Number(summary.queuedAfter) > 0) {
  console.error(
    `warning: ${summary.queuedAfter} cases were left queued: the agents ran out of room, so this run is not the intake's assignment alone; raise --agents`,
  );
}
console.log(JSON.stringify(summary));
