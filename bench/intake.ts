// Intake benchmark: authenticated POST /api/v1/cases with assignment, 64 connections (autocannon).
// Usage: npx tsx bench/intake.ts [--seconds 10] [--connections 64] [--postgres URL --processes 2]

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../apps/server/src/db/database.js';
import { checkInvariants } from '../apps/server/src/features/assignment/invariant-checker.js';
import { ADMIN, api, inParallel, type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    postgres: { type: 'string' },
    processes: { type: 'string', default: '1' },
    agents: { type: 'string', default: '1600' },
    baseline: { type: 'boolean', default: true },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const processes = Number(values.processes);

const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-bench-'));
const body = JSON.stringify({
  subject: 'Blender arrived cracked',
  description: 'The jar is cracked.',
  reason: 'damaged',
  desiredOutcome: 'refund',
});

/** Fastify + one SQLite insert, loaded the same way in the same run: the yardstick for the ratio. */
async function measureBaseline() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/baseline-server.ts', '4199', join(dataDir, 'baseline.sqlite')],
    {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: 'inherit',
    },
  );
  try {
    for (
      let i = 0;
      i < 100 &&
      !(await fetch('http://127.0.0.1:4199/').then(
        () => true,
        () => false,
      ));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await autocannon({
      url: 'http://127.0.0.1:4199/api/v1/cases',
      connections,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { requestsPerSecond: Math.round(result.requests.total / seconds), p99Ms: result.latency.p99 };
  } finally {
    child.kill('SIGTERM');
  }
}
const baseline = values.baseline && !values.postgres ? await measureBaseline() : undefined;
const servers: ServerProcess[] = [];
for (let i = 0; i < processes; i++) {
  servers.push(
    await startServer({ port: 4100 + i, dataDir, ...(values.postgres ? { databaseUrl: values.postgres } : {}) }),
  );
}
let summary: Record<string, unknown> = {};
const [first] = servers;
if (!first) throw new Error('no server');
try {
  const admin = await api<{ token: string }>(first.url, 'POST', '/auth/login', { body: ADMIN });
  // Enough capacity that every case is assigned: agents at capacity 50, invited (no password hashing).
  const agentCount = Number(values.agents);
  console.log(`creating ${agentCount} agents…`);
  await inParallel(agentCount, 16, (i) =>
    api(first.url, 'POST', '/agents', {
      token: admin.token,
      body: { email: `agent${i}@bench.test`, name: `Agent ${i}`, capacity: 50 },
    }),
  );
  const tokens = await inParallel(64, 8, async (i) => {
    const reply = await api<{ token: string }>(first.url, 'POST', '/auth/signup', {
      body: { email: `customer${i}@bench.test`, password: 'Bench-customer-1', name: `Customer ${i}` },
    });
    return reply.token;
  });
  let counter = 0;
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: `${server.url}/api/v1/cases`,
        connections: Math.ceil(connections / servers.length),
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        setupClient: (client) => {
          client.setHeaders({
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[counter++ % tokens.length]}`,
          });
        },
      }),
    ),
  );
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  const non2xx = results.reduce((sum, result) => sum + result.non2xx, 0);
  const p99 = Math.max(...results.map((result) => result.latency.p99));
  const dashboard = await api<{ queue: { size: number } }>(first.url, 'GET', '/dashboard', { token: admin.token });
  summary = {
    engine: values.postgres ? 'postgres' : 'sqlite',
    processes,
    connections,
    seconds,
    casesPerSecond: Math.round(total / seconds),
    p99Ms: p99,
    non2xx,
    queuedAfter: dashboard.queue.size,
    ...(baseline
      ? { baseline, ratioToBaseline: Number((total / seconds / baseline.requestsPerSecond).toFixed(3)) }
      : {}),
  };
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
// The same activity-log checker as the concurrency test, over everything this run wrote.
const database = openDatabase({ url: values.postgres, dataDir });
const report = await checkInvariants(database.db);
await database.close();
console.log(
  JSON.stringify({ ...summary, assignments: report.stats.assignments, invariantViolations: report.violations.length }),
);
