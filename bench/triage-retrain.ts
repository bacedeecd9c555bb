// What a triage retrain does to everything else (SPEC §9: triage never blocks intake): a real server,
// cases created one after another by a few clients the whole time, while an admin asks for
// POST /triage/retrain several times; prints the retrains' durations and the slowest case creations
// beside those of the same load without a retrain.
// Usage: npx tsx bench/triage-retrain.ts [--retrains 3] [--clients 4] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shippedMessageBodies, signUpIntakeCustomers } from './lib/intake-load.js';
import { ADMIN, api, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    retrains: { type: 'string', default: '3' },
    clients: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
  },
});
const retrains = Number(values.retrains);
const clients = Number(values.clients);
const bodies = shippedMessageBodies();

const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-triage-retrain-'));
const server = await startServer({ dataDir });

/** Cases created back to back by `clients` customers until `stop` resolves; each creation's latency in ms. */
async function createWhile(tokens: string[], stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.then(() => {
    done = true;
  });
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    tokens.map(async (token) => {
      while (!done) {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/v1/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: bodies[next++ % bodies.length],
        });
        await response.text();
        if (response.status !== 201) throw new Error(`POST /cases: ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { cases: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1) ?? 0) };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  const admin = await api<{ token: string }>(server.url, 'POST', '/auth/login', { body: ADMIN });
  const tokens = await signUpIntakeCustomers(server.url, clients, 'retrain');
  // The first case trains the model; then the same load twice: alone, and with the retrains.
  await createWhile(tokens, sleep(2000));
  const alone = summary(await createWhile(tokens, sleep(4000)));
  const durations: number[] = [];
  const retraining = (async () => {
    for (let i = 0; i < retrains; i++) {
      const started = performance.now();
      await api(server.url, 'POST', '/triage/retrain', { token: admin.token });
      durations.push(Math.round(performance.now() - started));
      await sleep(300);
    }
  })();
  const during = summary(await createWhile(tokens, retraining));
  const figures = { clients, retrainMs: durations, withoutRetrain: alone, duringRetrains: during };
  if (values.json) console.log(JSON.stringify(figures));
  else console.log(figures);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
