import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

/**
 * A queued case written straight into the table (no intake ran in this process, so nothing has
 * loaded the SLA settings yet): changing its priority moves its SLA clock, and the clock must be
 * reconciled inside the assignment transaction without waiting for a connection that transaction holds.
 */
const MONTHS_AGO = Date.parse('2026-03-05T08:00:00Z');
const TIMEOUT_MS = 5_000;

/** Rejects instead of hanging until vitest's own timeout, naming what never answered. */
function within<T>(promise: Promise<T>, what: string, ms = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe.each(engines)('a queued case written directly, on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let customer: Person;

  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    customer = await server.signup('Ann');
  });
  // A request stuck inside its transaction keeps the database from closing: do not wait a minute for it.
  afterEach(() => within(server.close(), 'close').catch(() => {}));

  async function insertQueued(createdAt: number) {
    const row = await server.ctx.database.db
      .insertInto('cases')
      .values({
        customer_id: customer.id,
        subject: 'Where is my parcel?',
        description: 'text',
        team_id: 1,
        priority: 2,
        category: 'delivery',
        status: 'new',
        assignee_id: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const getCase = (id: number) => server.call('GET', `/api/v1/cases/${id}`, { token: admin.token });

  it.each([
    ['months ago', () => MONTHS_AGO],
    ['minutes ago', () => Date.now() - 5 * 60_000],
  ])(
    'an admin raises the priority of one created %s: 200, and the drain assigns it to the free agent',
    async (_, createdAt) => {
      const agent = await server.addAgent({ name: 'Ada' });
      const id = await insertQueued(createdAt());
      const reply = await within(
        server.call('PATCH', `/api/v1/cases/${id}`, { token: admin.token, body: { priority: 'urgent' } }),
        'PATCH priority',
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id, priority: 'urgent', status: 'open' });
      expect(reply.body.assignee?.id).toBe(agent.id);
      expect((await within(getCase(id), 'GET case')).status).toBe(200);
    },
    TIMEOUT_MS,
  );

  it(
    'an agent becoming available takes the old queued case without a priority change',
    async () => {
      const agent = await server.addAgent({ name: 'Ada' });
      const away = await within(
        server.call('PATCH', `/api/v1/agents/${agent.id}`, { token: agent.token, body: { availability: 'away' } }),
        'PATCH away',
      );
      expect(away.status).toBe(200);
      const id = await insertQueued(MONTHS_AGO);
      const back = await within(
        server.call('PATCH', `/api/v1/agents/${agent.id}`, { token: agent.token, body: { availability: 'available' } }),
        'PATCH available',
      );
      expect(back.status).toBe(200);
      const row = await server.ctx.database.db
        .selectFrom('cases')
        .select(['status', 'assignee_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'open', assignee_id: agent.id });
    },
    TIMEOUT_MS,
  );
});
