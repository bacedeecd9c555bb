// Crash safety (SPEC §2 rule 4, §5): SIGKILL the server at random moments under a mixed load, restart it
// on the same database and check that every 201 case exists, no assignment is half done, every invariant
// holds and the queue drains. A webhook receiver is subscribed throughout: afterwards every committed event
// arrived at least once, none of a rolled-back change, each case's in order (SPEC §11).
// Usage: npx tsx bench/crash.ts [--kills 10] [--postgres URL]   (PostgreSQL: runs in a fresh database it drops)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkStoredState, drainQueue, replayCreates } from './lib/crash-checks.js';
import { freePort, sleep } from './lib/crash-http.js';
import { type Acknowledged, countByStatus, setUpCrew, startLoad, unexpectedAnswers } from './lib/crash-load.js';
import { killServer, stopServer } from './lib/crash-server.js';
import { checkDeliveries, startWebhookReceiver, subscribe } from './lib/crash-webhook.js';
import { createScratchDatabase } from './lib/postgres.js';
import { type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '10' },
    postgres: { type: 'string' },
    'min-ms': { type: 'string', default: '50' },
    'max-ms': { type: 'string', default: '1500' },
  },
});
const kills = Number(values.kills);
const [minMs, maxMs] = [Number(values['min-ms']), Number(values['max-ms'])];

const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-crash-'));
const scratch = values.postgres ? await createScratchDatabase(values.postgres, 'caseflow_crash') : undefined;
const databaseOptions = { url: scratch?.url, dataDir };
const port = await freePort();
const receiver = await startWebhookReceiver();
const start = () =>
  startServer({
    port,
    dataDir,
    databaseUrl: scratch?.url,
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCALE: '0.01' },
  });

const violations: string[] = [];
const acknowledged: Acknowledged[] = [];
const totals = {
  unanswered: 0,
  committedUnanswered: 0,
  answers: {} as Record<number, number>,
};
const note = (where: string, found: string[]) => {
  for (const violation of found) violations.push(`${where}: ${violation}`);
  return found.length;
};

let server: ServerProcess | undefined;
let summary: Record<string, unknown> = {};
try {
  server = await start();
  const crew = await setUpCrew(server.url);
  await subscribe(server.url, crew.admin.token, receiver.url);
  for (let round = 1; round <= kills; round++) {
    const load = startLoad(server.url, crew, `r${round}`);
    const killAfterMs = minMs + Math.floor(Math.random() * (maxMs - minMs));
    await sleep(killAfterMs);
    const killedAt = Date.now();
    await killServer(server);
    server = undefined;
    const result = await load.done;
    acknowledged.push(...result.acknowledged);
    for (const [status, times] of Object.entries(countByStatus(result.statuses)))
      totals.answers[Number(status)] = (totals.answers[Number(status)] ?? 0) + times;

    const restartedAt = performance.now();
    server = await start();
    const restartMs = performance.now() - restartedAt;
    // The state exactly as the crash left it, before any client comes back.
    const stored = await checkStoredState(databaseOptions, acknowledged);
    let found = note(`round ${round}`, [
      ...unexpectedAnswers(result.statuses, { allowUnavailable: false }),
      ...stored.violations,
    ]);
    // Clients retry what got no answer; a few acknowledged creates are retried too and must get their case back.
    const retried = await replayCreates(server.url, result.unanswered);
    const confirmed = await replayCreates(server.url, result.acknowledged.slice(-5));
    found += note(`round ${round} retries`, [...retried.violations, ...confirmed.violations]);
    acknowledged.push(...retried.acknowledged);
    totals.unanswered += result.unanswered.length;
    // Committed before the kill but never answered: the retry must return that case, not a duplicate.
    const committedUnanswered = retried.acknowledged.filter((created) => created.createdAt <= killedAt).length;
    totals.committedUnanswered += committedUnanswered;

    const counts = countByStatus(result.statuses);
    console.log(
      `round ${round}/${kills}: killed at ${killAfterMs} ms; ${result.acknowledged.length} created (201), ` +
        `${result.statuses.get('resolve 200') ?? 0} resolved, ${result.unanswered.length} creates unanswered ` +
        `(retried: ${retried.acknowledged.length} × 201, ${committedUnanswered} of them committed before the kill), ` +
        `${counts[0] ?? 0} requests cut; restart ${(restartMs / 1000).toFixed(1)} s; ` +
        `${stored.stats.assignments} assignments so far; ${found} violations`,
    );
  }

  const drained = await drainQueue(server.url, crew);
  if (drained.queued !== 0) violations.push(`queue did not drain: ${drained.queued} cases still queued`);
  const final = await checkStoredState(databaseOptions, acknowledged);
  note('after drain', final.violations);
  // A killed process's claimed deliveries come back once their 60 s lease has run out.
  const webhooks = await checkDeliveries(databaseOptions, receiver.arrivals, 150_000);
  note('webhooks', webhooks.violations);
  summary = {
    engine: scratch ? 'postgres' : 'sqlite',
    killsSurvived: kills,
    acknowledgedCases: acknowledged.length,
    unansweredCreatesRetried: totals.unanswered,
    unansweredButCommitted: totals.committedUnanswered,
    answers: totals.answers,
    drain: drained,
    webhooks: webhooks.stats,
    ...final.stats,
  };
} finally {
  if (server && !(await stopServer(server))) violations.push('the server did not shut down gracefully on SIGTERM');
  await scratch?.drop();
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ ...summary, violations: violations.length }));
for (const violation of violations.slice(0, 50)) console.error(`VIOLATION ${violation}`);
process.exitCode = violations.length > 0 ? 1 : 0;
