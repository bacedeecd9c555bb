import { type Compilable, CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentActivityQuery } from '../features/activity/activity.repository.js';
import { busiestAgentsQuery } from '../features/agents/agents.repository.js';
import { addActiveCasesQuery, nextFreeAgent, nextQueuedCase } from '../features/assignment/assignment.repository.js';
import { casesPerHourQuery } from '../features/cases/cases.repository.js';
import { engines, startTestServer, type TestServer } from '../testing/harness.js';
import { toJsonRows } from './engine.js';

/**
 * The partial indexes only serve queries whose conditions imply the index's own, so a query rewritten
 * the wrong way silently falls back to a scan. These check that each query can use its index. On
 * PostgreSQL, sequential scans are priced out first: with tables this small it would rightly prefer
 * them, and what matters here is whether the index is usable at all. PostgreSQL's plans at scale are
 * checked by `bench/scale.ts`.
 */
describe.each(engines)('query plans on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    const customer = await server.signup();
    // No agent exists, so every case stays queued.
    for (let i = 0; i < 5; i++) {
      await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: `Case ${i}`, description: 'x' },
      });
    }
  });
  afterAll(() => server.close());

  async function planOf(query: Compilable<unknown>, options = { allowSeqScan: false }) {
    const { sql, parameters } = query.compile();
    const explain = engine === 'sqlite' ? 'explain query plan' : 'explain';
    return server.ctx.database.transaction(async (trx) => {
      if (engine === 'postgres' && !options.allowSeqScan) {
        await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      }
      const result = await trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`${explain} ${sql}`, [...parameters]),
      );
      return result.rows.map((row) => row.detail ?? row['QUERY PLAN']).join(' | ');
    });
  }

  it('reads the next queued case from the first entry of cases_queue_head, with no sort of the queue', async () => {
    const db = server.ctx.database.db;
    expect((await nextQueuedCase(db).executeTakeFirst())?.id).toBeGreaterThan(0);
    const plan = await planOf(nextQueuedCase(db));
    expect(plan).toMatch(/\bcases_queue_head\b/);
    if (engine === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
  });

  it('picks the next agent from the first entry of agents_with_room, with no sort of the agents', async () => {
    const plan = await planOf(nextFreeAgent(server.ctx.database.db));
    expect(plan).toMatch(/\bagents_with_room\b/);
    if (engine === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
  });

  it("reads an agent's status timeline from activity_agent_status", async () => {
    expect(await planOf(agentActivityQuery(server.ctx.database.db, 1, 50))).toMatch(/\bactivity_agent_status\b/);
  });

  it('counts resolutions per hour from the partial index cases_resolved', async () => {
    expect(await planOf(casesPerHourQuery(server.ctx.database.db, 'resolved_at', 0))).toMatch(/\bcases_resolved\b/);
  });

  // Last: it adds agents behind the assignment engine's back, and statistics change later plans.
  it('keeps both picks, the agents’ load update and the busiest agents on their plans once the tables have statistics (after an ANALYZE)', async () => {
    const db = server.ctx.database.db;
    const users = await db
      .insertInto('users')
      .values(
        Array.from({ length: 3_000 }, (_, i) => ({
          email: `plan-agent-${i}@example.test`,
          name: `Plan agent ${i}`,
          role: 'agent' as const,
          status: 'active' as const,
          created_at: i,
          updated_at: i,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('agents')
      .values(
        users.map(({ id }, i) => ({
          user_id: id,
          capacity: 5,
          availability: 'available' as const,
          last_assigned_at: i,
          created_at: i,
          updated_at: i,
        })),
      )
      .execute();
    await db.executeQuery(CompiledQuery.raw('analyze'));
    for (const [query, index] of [
      [nextFreeAgent(db), 'agents_with_room'],
      [nextQueuedCase(db), 'cases_queue_head'],
    ] as const) {
      const plan = await planOf(query);
      expect(plan).toContain(index);
      if (engine === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
    }
    // Every assignment runs it: a lookup per agent, even where a scan of the agents is allowed.
    const agentIds = toJsonRows(users.slice(0, 16).map(({ id }) => ({ user_id: id })));
    const update = await planOf(addActiveCasesQuery(db, engine, 1, 0, agentIds), { allowSeqScan: true });
    expect(update).toMatch(
      engine === 'sqlite' ? /SEARCH agents USING INTEGER PRIMARY KEY/ : /Index Scan using agents_pkey/,
    );
    // The dashboard's busiest agents: the few are picked from `agents` first, then joined to their users.
    const busiest = await planOf(busiestAgentsQuery(db, 50), { allowSeqScan: true });
    expect(busiest).toMatch(engine === 'sqlite' ? /^CO-ROUTINE agents/ : /(Join|Nested Loop)[\s\S]*Limit/);
  });
});
