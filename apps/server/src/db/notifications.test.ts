import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestServer, type TestServer } from '../testing/harness.js';

// The session cache trusts LISTEN/NOTIFY to hear of revocations made by other processes; if that
// connection dies, messages can be missed, so the cache must stop answering until it is back.
describe.runIf(engines.includes('postgres'))('notifications between processes on postgres', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(() => server.close());

  it('bypasses the session cache while the LISTEN connection is down, and comes back by itself', async () => {
    const notifications = server.ctx.database.notifications;
    if (!notifications) throw new Error('no notifications on postgres');
    await expect.poll(() => notifications.isLive(), { timeout: 5000 }).toBe(true);
    const customer = await server.signup();
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(200);

    // Kill the LISTEN backend, as a PostgreSQL restart or a network cut would.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where query ilike 'listen %caseflow_${server.ctx.database.schema}%'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [rows.map((row) => row.pid)]);
    } finally {
      await admin.end();
    }
    await expect.poll(() => notifications.isLive(), { timeout: 2000 }).toBe(false);

    // Meanwhile a revocation written straight to the database (no notification can arrive) is honoured.
    await server.ctx.database.db
      .updateTable('sessions')
      .set({ revoked_at: Date.now() })
      .where('user_id', '=', customer.id)
      .execute();
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(401);

    await expect.poll(() => notifications.isLive(), { timeout: 5000 }).toBe(true);
    const again = await server.signup();
    expect((await server.call('GET', '/api/v1/auth/me', { token: again.token })).status).toBe(200);
  });
});
