// Triage's CPU cost per case over HTTP (issue 20, item 8: at most +10 %), measured so the machine's
// noise cancels: two real servers side by side, one with TRIAGE=off, each with its own embedded
// database, agents and customers, loaded in turn in short alternating windows (the same real customer
// messages, in the same order, to both). Each window's server CPU µs per request is read from /proc;
// a pair's ratio compares two windows seconds apart, and the median of the pairs is the figure.
// On PostgreSQL (`--postgres URL`) each side has a scratch database of its own.
// Usage: npx tsx bench/triage-ab.ts [--pairs 8] [--seconds 3] [--connections 64] [--messages shipped|one]
//   [--postgres URL] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  addIntakeAgents,
  INTAKE_AGENTS,
  runIntake,
  shippedMessageBodies,
  signUpIntakeCustomers,
} from './lib/intake-load.js';
import { createScratchDatabase } from './lib/postgres.js';
import { cpuMs } from './lib/process-stats.js';
import { ADMIN, api, type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    messages: { type: 'string', default: 'shipped' },
    postgres: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (values.messages !== 'shipped' && values.messages !== 'one') throw new Error('--messages is shipped or one');
const pairs = Number(values.pairs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const messages = values.messages === 'shipped' ? shippedMessageBodies() : undefined;

interface Side {
  triage: 'off' | 'offline';
  server: ServerProcess;
  dataDir: string;
  dropDatabase?: () => Promise<void>;
  tokens: string[];
  windows: number[];
}

async function startSide(triage: Side['triage']): Promise<Side> {
  const dataDir = mkdtempSync(join(tmpdir(), `caseflow-triage-ab-${triage}-`));
  const scratch = values.postgres ? await createScratchDatabase(values.postgres, `caseflow_ab_${triage}`) : undefined;
  const server = await startServer({ dataDir, databaseUrl: scratch?.url, env: { TRIAGE: triage } });
  const admin = await api<{ token: string }>(server.url, 'POST', '/auth/login', { body: ADMIN });
  await addIntakeAgents(server.url, admin.token, INTAKE_AGENTS, triage);
  const tokens = await signUpIntakeCustomers(server.url, 64, triage);
  return { triage, server, dataDir, dropDatabase: scratch?.drop, tokens, windows: [] };
}

/** One window of load on one side: its server's CPU µs per acknowledged case. */
async function loadWindow(side: Side, windowSeconds: number): Promise<number> {
  const before = cpuMs(side.server.child.pid);
  const result = await runIntake([side.server.url], side.tokens, { connections, seconds: windowSeconds, messages });
  if (result.non2xx > 0) throw new Error(`${side.triage}: ${result.non2xx} answers were not 2xx`);
  return ((cpuMs(side.server.child.pid) - before) * 1000) / (result.casesPerSecond * windowSeconds);
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

console.error('starting two servers (triage off and on), agents and customers on each…');
const off = await startSide('off');
const on = await startSide('offline');
try {
  // Not measured: JIT, prepared statements and the model's one training on its first case.
  for (const side of [off, on]) await loadWindow(side, 2);
  const ratios: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    // Alternate which side goes first, so neither always follows the other's load.
    const order = pair % 2 === 0 ? [off, on] : [on, off];
    for (const side of order) side.windows.push(await loadWindow(side, seconds));
    ratios.push(on.windows[pair]! / off.windows[pair]!);
  }
  const figures = {
    messages: values.messages,
    database: values.postgres ? 'postgres' : 'sqlite',
    pairs,
    seconds,
    connections,
    offCpuUsPerCase: Math.round(median(off.windows)),
    onCpuUsPerCase: Math.round(median(on.windows)),
    medianPairRatio: round(median(ratios)),
    pairRatios: ratios.map((ratio) => round(ratio)),
    target: '≤ 1.10',
  };
  if (values.json) console.log(JSON.stringify(figures));
  else console.log(figures);
} finally {
  for (const side of [off, on]) {
    await side.server.stop();
    rmSync(side.dataDir, { recursive: true, force: true });
    await side.dropDatabase?.();
  }
}
