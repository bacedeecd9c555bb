// PostgreSQL restarted under load (SPEC §5): while the database is away every answer must be a 503
// problem (or a success), never a 500, and the server must serve again by itself, without a restart.
// Usage: npx tsx bench/pg-outage.ts --postgres URL [--recover-within 30]
// Restarts the local cluster with pg_ctlcluster (as root, else `sudo -n`): everyone's sessions end, for a
// second or two. Works in a fresh database it drops at the end.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkStoredState, replayCreates } from './lib/crash-checks.js';
import { freePort, send, sleep } from './lib/crash-http.js';
import { type Crew, countByStatus, setUpCrew, startLoad, unexpectedAnswers } from './lib/crash-load.js';
import { restartPostgres } from './lib/crash-postgres.js';
import { stopServer } from './lib/crash-server.js';
import { createScratchDatabase } from './lib/postgres.js';
import { type ServerProcess, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string' },
    'recover-within': { type: 'string', default: '30' },
  },
});
if (!values.postgres) throw new Error('usage: npx tsx bench/pg-outage.ts --postgres URL');
const recoverWithinMs = Number(values['recover-within']) * 1000;

/** Time until an authenticated read and a /readyz both answer 200 again, polling every 100 ms. */
async function waitForService(url: string, crew: Crew, limitMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const [ready, read] = await Promise.all([
      send(url, 'GET', '/readyz'),
      send(url, 'GET', '/api/v1/cases?limit=1', { token: crew.admin.token }),
    ]);
    if (ready.status === 200 && read.status === 200) return performance.now() - started;
    await sleep(100);
  }
  return undefined;
}

const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-outage-'));
const scratch = await createScratchDatabase(values.postgres, 'caseflow_crash');
const violations: string[] = [];
let server: ServerProcess | undefined;
let summary: Record<string, unknown> = {};
try {
  server = await startServer({ port: await freePort(), dataDir, databaseUrl: scratch.url });
  const crew = await setUpCrew(server.url);
  const load = startLoad(server.url, crew, 'outage');
  await sleep(1500);
  const restartMs = await restartPostgres();
  const recoveryMs = await waitForService(server.url, crew, recoverWithinMs);
  // Some load after the recovery, so the answers include the server's ordinary work again.
  await sleep(1500);
  const result = await load.stop();

  const counts = countByStatus(result.statuses);
  violations.push(...unexpectedAnswers(result.statuses, { allowUnavailable: true }));
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    violations.push(`the server process died (exit ${server.child.exitCode ?? server.child.signalCode})`);
  else if ((counts[0] ?? 0) > 0) violations.push(`${counts[0]} requests got no answer at all`);
  if (recoveryMs === undefined) violations.push(`no 200 within ${recoverWithinMs / 1000} s after the restart`);

  // What was refused during the outage, retried now; then nothing acknowledged may be missing.
  const retried =
    server.child.exitCode === null
      ? await replayCreates(server.url, result.unanswered)
      : { acknowledged: [], violations: [] };
  violations.push(...retried.violations);
  const stored = await checkStoredState({ url: scratch.url, dataDir }, [
    ...result.acknowledged,
    ...retried.acknowledged,
  ]);
  violations.push(...stored.violations);
  summary = {
    postgresRestartSeconds: Number((restartMs / 1000).toFixed(1)),
    recoveredAfterSeconds: recoveryMs === undefined ? null : Number((recoveryMs / 1000).toFixed(1)),
    answers: counts,
    answersByOperation: Object.fromEntries(result.statuses),
    acknowledgedCases: result.acknowledged.length + retried.acknowledged.length,
    createsRefusedThenRetried: retried.acknowledged.length,
    ...stored.stats,
  };
} finally {
  if (server && !(await stopServer(server))) violations.push('the server did not shut down gracefully on SIGTERM');
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ ...summary, violations: violations.length }));
for (const violation of violations) console.error(`VIOLATION ${violation}`);
process.exitCode = violations.length > 0 ? 1 : 0;
