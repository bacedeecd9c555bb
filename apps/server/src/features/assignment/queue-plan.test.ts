import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { nextQueuedCase } from './assignment.repository.js';

/**
 * Every assignment reads the head of the queue, so that read must not grow with the backlog. SQLite's
 * planner is the one that went wrong (it sorted every queued case), so its plan is checked here;
 * PostgreSQL's plans at scale are checked by `bench/scale.ts`.
 */
describe('the next queued case on sqlite', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('sqlite');
  });
  afterEach(() => server.close());

  it('is the first entry of cases_queue: no sort of the queue', async () => {
    const customer = await server.signup();
    // No agent exists, so every case stays queued.
    for (let i = 0; i < 5; i++) {
      await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: `Case ${i}`, description: 'x' },
      });
    }
    const db = server.ctx.database.db;
    const query = nextQueuedCase(db).compile();
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    expect((await nextQueuedCase(db).executeTakeFirst())?.id).toBeGreaterThan(0);
    const details = plan.rows.map((row) => row.detail).join(' | ');
    expect(details).toContain('USING INDEX cases_queue');
    expect(details).not.toContain('TEMP B-TREE');
  });
});
