// Webhook cost and throughput (SPEC §7 wave 2, §11): intake with three endpoints subscribed against
// intake with none, interleaved pairs in one run, and how fast the deliveries reach a local receiver.
// Usage: npx tsx bench/webhooks.ts [--pairs 3] [--seconds 5] [--agents 1000]
// Prints one JSON line per run and a summary: cases/s, server CPU µs per request, ratio (with ÷ without),
// deliveries per second and the time for the backlog to drain after the load stopped.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addIntakeAgents, runIntake, signUpIntakeCustomers } from './lib/intake-load.js';
import { cpuMs } from './lib/process-stats.js';
import { ADMIN, api, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    agents: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '64' },
  },
});
const [pairs, seconds, agents, connections] = [values.pairs, values.seconds, values.agents, values.connections].map(
  Number,
) as [number, number, number, number];
const EVENTS = ['case.created', 'case.assigned', 'case.resolved'];

/** One receiver on loopback for all endpoints (three paths); counts what arrives. */
async function startReceiver() {
  let count = 0;
  let lastAt = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count++;
      lastAt = Date.now();
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => ({ count, lastAt }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function measure(endpoints: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-bench-hooks-'));
  const receiver = await startReceiver();
  const server = await startServer({ dataDir, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  try {
    const admin = await api<{ token: string }>(server.url, 'POST', '/auth/login', { body: ADMIN });
    await addIntakeAgents(server.url, admin.token, agents, 'hooks');
    const tokens = await signUpIntakeCustomers(server.url, 64, 'hooks');
    for (let i = 0; i < endpoints; i++) {
      await api(server.url, 'POST', '/webhooks', {
        token: admin.token,
        body: { url: `${receiver.url}/hook${i}`, events: EVENTS, description: `bench ${i}` },
      });
    }
    const cpuBefore = cpuMs(server.child.pid);
    const startedAt = Date.now();
    const result = await runIntake([server.url], tokens, { connections, seconds });
    const loadEndedAt = Date.now();
    const cases = result.casesPerSecond * seconds;
    const serverCpuUsPerRequest = Math.round(((cpuMs(server.child.pid) - cpuBefore) * 1000) / cases);
    // Every case is created and assigned: two subscribed events per case and endpoint.
    const expected = cases * 2 * endpoints;
    const deliveredDuringLoad = receiver.received().count;
    const deadline = Date.now() + 300_000;
    while (receiver.received().count < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const { count, lastAt } = receiver.received();
    return {
      endpoints,
      casesPerSecond: result.casesPerSecond,
      p99Ms: result.p99Ms,
      serverCpuUsPerRequest,
      ...(endpoints > 0
        ? {
            deliveries: count,
            expectedDeliveries: expected,
            deliveredDuringLoad,
            deliveriesPerSecond: Math.round(count / ((lastAt - startedAt) / 1000)),
            drainAfterLoadSeconds: Number(((lastAt - loadEndedAt) / 1000).toFixed(1)),
          }
        : {}),
    };
  } finally {
    await server.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runs: Awaited<ReturnType<typeof measure>>[] = [];
for (let pair = 0; pair < pairs; pair++) {
  for (const endpoints of [0, 3]) {
    const run = await measure(endpoints);
    console.log(JSON.stringify(run));
    runs.push(run);
  }
}
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const without = runs.filter((run) => run.endpoints === 0);
const withHooks = runs.filter((run) => run.endpoints === 3);
console.log(
  JSON.stringify({
    summary: true,
    casesPerSecond: {
      without: median(without.map((r) => r.casesPerSecond)),
      withThree: median(withHooks.map((r) => r.casesPerSecond)),
    },
    ratio: Number(
      (median(withHooks.map((r) => r.casesPerSecond)) / median(without.map((r) => r.casesPerSecond))).toFixed(3),
    ),
    cpuPerRequestUs: {
      without: median(without.map((r) => r.serverCpuUsPerRequest)),
      withThree: median(withHooks.map((r) => r.serverCpuUsPerRequest)),
    },
    deliveriesPerSecond: median(withHooks.map((r) => r.deliveriesPerSecond ?? 0)),
    allDelivered: withHooks.every((r) => (r.deliveries ?? 0) >= (r.expectedDeliveries ?? 0)),
  }),
);
