import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { runAssignment } from './assignment.engine.js';

/** SPEC §2 rules 1 and 2, checked on the engine itself with hand-set priorities, ages and waits. */
describe.each(engines)('assignment policy on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(() => server.close());

  const db = () => server.ctx.database.db;
  const drain = () => runAssignment(server.ctx, { actorId: null, trigger: 'test' }, async () => {});
  const setAvailability = (agent: Person, availability: 'available' | 'away') =>
    db().updateTable('agents').set({ availability }).where('user_id', '=', agent.id).execute();
  const holderOf = async (caseId: number) =>
    (await db().selectFrom('cases').select('assignee_id').where('id', '=', caseId).executeTakeFirstOrThrow())
      .assignee_id;

  async function report(customer: Person, subject: string) {
    const reply = await server.call('POST', '/api/v1/cases', {
      token: customer.token,
      body: { subject, description: 'x' },
    });
    return reply.body.id as number;
  }

  it('takes the queue by priority, then age, then id', async () => {
    const agent = await server.addAgent({ capacity: 1 });
    await setAvailability(agent, 'away');
    const customer = await server.signup();
    const ids: Record<string, number> = {};
    for (const name of ['lowOld', 'normalOld', 'normalNewA', 'normalNewB', 'urgentNew'])
      ids[name] = await report(customer, name);
    const set = (id: number | undefined, priority: number, createdAt: number) =>
      db().updateTable('cases').set({ priority, created_at: createdAt }).where('id', '=', id!).execute();
    await set(ids.lowOld, 3, 1_000);
    await set(ids.normalOld, 2, 2_000);
    await set(ids.normalNewA, 2, 5_000);
    await set(ids.normalNewB, 2, 5_000);
    await set(ids.urgentNew, 0, 9_000);

    const order: number[] = [];
    await setAvailability(agent, 'available');
    for (let i = 0; i < 5; i++) {
      await drain();
      const held = await db()
        .selectFrom('cases')
        .select('id')
        .where('assignee_id', '=', agent.id)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      order.push(held.id);
      await server.call('POST', `/api/v1/cases/${held.id}/resolve`, { token: agent.token });
    }
    expect(order).toEqual([ids.urgentNew, ids.normalOld, ids.normalNewA, ids.normalNewB, ids.lowOld]);
  });

  it('gives the case to the agent with the fewest active cases, then the longest wait, then the lowest id', async () => {
    const busy = await server.addAgent({ capacity: 3 });
    const recent = await server.addAgent({ capacity: 3 });
    const waitedLong = await server.addAgent({ capacity: 3 });
    const twinA = await server.addAgent({ capacity: 3 });
    const twinB = await server.addAgent({ capacity: 3 });
    const customer = await server.signup();
    // busy gets one case first (everyone else away), so it has the most load.
    for (const agent of [recent, waitedLong, twinA, twinB]) await setAvailability(agent, 'away');
    await report(customer, 'for busy');
    for (const agent of [recent, waitedLong, twinA, twinB]) await setAvailability(agent, 'available');
    const setWait = (agent: Person, lastAssignedAt: number) =>
      db().updateTable('agents').set({ last_assigned_at: lastAssignedAt }).where('user_id', '=', agent.id).execute();
    await setWait(recent, 9_000);
    await setWait(waitedLong, 1_000);
    await setWait(twinA, 5_000);
    await setWait(twinB, 5_000);

    expect(await holderOf(await report(customer, 'first'))).toBe(waitedLong.id);
    expect(await holderOf(await report(customer, 'second'))).toBe(Math.min(twinA.id, twinB.id));
    expect(await holderOf(await report(customer, 'third'))).toBe(Math.max(twinA.id, twinB.id));
    expect(await holderOf(await report(customer, 'fourth'))).toBe(recent.id);
    // Everyone now holds one case except busy's one: the next goes to whoever waited longest among the 1-case agents.
    const next = await holderOf(await report(customer, 'fifth'));
    expect(next).toBe(busy.id);
  });

  it('never assigns to an away or removed agent, nor beyond capacity', async () => {
    const away = await server.addAgent({ capacity: 5 });
    await setAvailability(away, 'away');
    const small = await server.addAgent({ capacity: 1 });
    const customer = await server.signup();
    const first = await report(customer, 'one');
    const second = await report(customer, 'two');
    expect(await holderOf(first)).toBe(small.id);
    expect(await holderOf(second)).toBeNull();
  });
});
