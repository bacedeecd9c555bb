// Resolve → next case pushed: time from sending POST /cases/:id/resolve until the agent's socket
// receives `case.assigned` for the next queued case (the HTTP answer may come later; it is awaited
// before the next resolve but not timed). The first `--warmup` resolves (JIT, caches) are not counted.
// Usage: npx tsx bench/resolve-push.ts [--cases 200] [--warmup 20] [--postgres URL --processes 2]
// With 2 processes the agent's socket is on the second one and the resolves go to the first, so the
// push crosses processes through PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { createScratchDatabase } from './lib/postgres.js';
import { ADMIN, api, inParallel, type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    postgres: { type: 'string' },
    processes: { type: 'string', default: '1' },
  },
});
const caseCount = Number(values.cases);
const warmup = Number(values.warmup);
const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-bench-'));
// A database of its own on PostgreSQL: runs never see each other's rows.
const scratch = values.postgres ? await createScratchDatabase(values.postgres, 'caseflow_push') : undefined;
const servers: ServerProcess[] = [];
for (let i = 0; i < Number(values.processes); i++) {
  servers.push(await startServer({ dataDir, databaseUrl: scratch?.url }));
}
const first = servers[0];
const pushSide = servers.at(-1);
if (!first || !pushSide) throw new Error('no server');

// The timed resolve goes over one kept-alive connection with node:http: fetch's own per-request work
// in this process (about a millisecond here) would be counted as the server's.
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, token: string) {
  return new Promise<void>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: keepAlive, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`resolve: ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

try {
  const admin = await api<{ token: string }>(first.url, 'POST', '/auth/login', { body: ADMIN });
  const password = 'Bench-agent-pass-1';
  const created = await api<{ id: number }>(first.url, 'POST', '/agents', {
    token: admin.token,
    body: { email: 'pusher@bench.test', name: 'Pusher', password, capacity: 1 },
  });
  const agent = await api<{ token: string }>(first.url, 'POST', '/auth/login', {
    body: { email: 'pusher@bench.test', password },
  });
  await api(first.url, 'PATCH', `/agents/${created.id}`, { token: admin.token, body: { availability: 'away' } });
  const customer = await api<{ token: string }>(first.url, 'POST', '/auth/signup', {
    body: { email: 'queue@bench.test', password: 'Bench-customer-1', name: 'Queue' },
  });
  console.log(`queueing ${warmup + caseCount + 1} cases…`);
  await inParallel(warmup + caseCount + 1, 8, (i) =>
    api(first.url, 'POST', '/cases', { token: customer.token, body: { subject: `Case ${i}`, description: 'Queued.' } }),
  );

  const socket = io(pushSide.url, { path: '/socket.io', transports: ['websocket'], auth: { token: agent.token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  let waiting: ((pushed: { caseId: number; at: number }) => void) | undefined;
  socket.on('case.assigned', (payload: { caseId: number; agentId: number }) => {
    if (payload.agentId === created.id) waiting?.({ caseId: payload.caseId, at: performance.now() });
  });
  const nextAssignment = () => new Promise<{ caseId: number; at: number }>((resolve) => (waiting = resolve));

  let current = nextAssignment();
  await api(first.url, 'PATCH', `/agents/${created.id}`, { token: admin.token, body: { availability: 'available' } });
  let { caseId } = await current;
  const latencies: number[] = [];
  for (let i = 0; i < warmup + caseCount; i++) {
    current = nextAssignment();
    const started = performance.now();
    const [, pushed] = await Promise.all([post(`${first.url}/api/v1/cases/${caseId}/resolve`, agent.token), current]);
    if (i >= warmup) latencies.push(pushed.at - started);
    caseId = pushed.caseId;
  }
  socket.disconnect();
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      engine: values.postgres ? 'postgres' : 'sqlite',
      processes: servers.length,
      samples: latencies.length,
      p50Ms: Number(percentile(latencies, 50).toFixed(2)),
      p99Ms: Number(percentile(latencies, 99).toFixed(2)),
      maxMs: Number((latencies.at(-1) ?? 0).toFixed(2)),
      targetP99Ms: 10,
    }),
  );
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
