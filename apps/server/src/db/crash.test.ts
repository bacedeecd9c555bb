import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../features/assignment/invariant-checker.js';
import { freePort } from '../testing/free-port.js';
import { ADMIN, PASSWORD } from '../testing/harness.js';
import { killServer, spawnServer } from '../testing/server-process.js';
import { openDatabase } from './database.js';

// SPEC §2 rule 4 and §5 on the embedded engine: the real server process, SIGKILLed mid-load (no shutdown
// hook, open transactions cut), must come back with every acknowledged case and a consistent assignment state.
// The full harness with random kill moments on both engines is `npx tsx bench/crash.ts`.

type Answer = { status: number; body: { id: number; token: string; user: { id: number }; items: { id: number }[] } };

/** Any answer, or status 0 when the connection died (the server was killed). */
async function call(base: string, method: string, path: string, token?: string, body?: unknown, key?: string) {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) } as Answer;
  } catch {
    return { status: 0 } as Answer;
  }
}

/** The real server from its sources (no web build needed), on the same data directory at every start. */
const startServer = (port: number, dataDir: string) =>
  spawnServer({
    entry: 'sources',
    port,
    dataDir,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' },
    stdio: 'ignore',
  });

const body = (key: string) => ({ subject: `Case ${key}`, description: 'Arrived broken.', reason: 'damaged' });

describe('SIGKILL of the server on SQLite', () => {
  it('keeps every acknowledged case and a consistent assignment state through 3 kills mid-load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-crash-test-'));
    const port = await freePort();
    let server = await startServer(port, dataDir);
    try {
      const admin = (await call(server.url, 'POST', '/api/v1/auth/login', undefined, ADMIN)).body.token;
      for (let i = 0; i < 2; i++) {
        const agent = { email: `agent${i}@crash.test`, name: `Agent ${i}`, password: PASSWORD, capacity: 2 };
        expect((await call(server.url, 'POST', '/api/v1/agents', admin, agent)).status).toBe(201);
      }
      const customers: string[] = [];
      for (let i = 0; i < 4; i++) {
        const person = { email: `customer${i}@crash.test`, password: PASSWORD, name: `Customer ${i}` };
        customers.push((await call(server.url, 'POST', '/api/v1/auth/signup', undefined, person)).body.token);
      }

      const acknowledged: number[] = [];
      for (let round = 0; round < 3; round++) {
        // The kill comes after a random number of acknowledgements, so writes are always in flight.
        const killAfter = acknowledged.length + 5 + Math.floor(Math.random() * 20);
        const unanswered: { token: string; key: string }[] = [];
        let killing: Promise<void> | undefined;
        const { url: base } = server;
        const customerLoad = customers.map(async (token, client) => {
          for (let i = 0; ; i++) {
            const key = `${round}-${client}-${i}`;
            const answer = await call(base, 'POST', '/api/v1/cases', token, body(key), key);
            if (answer.status === 0) return unanswered.push({ token, key });
            expect(answer.status).toBe(201);
            acknowledged.push(answer.body.id);
            if (acknowledged.length >= killAfter) killing ??= killServer(server);
          }
        });
        const resolveLoad = (async () => {
          for (;;) {
            const open = await call(base, 'GET', '/api/v1/cases?status=open&limit=5', admin);
            if (open.status === 0) return;
            const first = open.body.items[0];
            if (!first) await new Promise((resolve) => setTimeout(resolve, 10));
            else if ((await call(base, 'POST', `/api/v1/cases/${first.id}/resolve`, admin)).status === 0) return;
          }
        })();
        await Promise.all([...customerLoad, resolveLoad]);
        await killing;

        server = await startServer(port, dataDir);
        const database = openDatabase({ dataDir });
        const report = await checkInvariants(database.db, { acknowledgedCaseIds: acknowledged });
        await database.close();
        expect(report.violations).toEqual([]);
        // A client retries what got no answer: one case per key, whether or not it committed before the kill.
        for (const { token, key } of unanswered) {
          const retried = await call(server.url, 'POST', '/api/v1/cases', token, body(key), key);
          expect(retried.status).toBe(201);
          expect((await call(server.url, 'POST', '/api/v1/cases', token, body(key), key)).body.id).toBe(
            retried.body.id,
          );
          acknowledged.push(retried.body.id);
        }
      }
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
    } finally {
      await killServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
