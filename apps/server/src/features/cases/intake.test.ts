import type { CreateCaseBody } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../context.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { createCase } from './cases.service.js';

/** Requests made in one tick of the event loop reach intake together: they are written as one batch. */
describe.each(engines)('intake batches on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(() => server.close());

  const db = () => server.ctx.database.db;
  const asCaller = (person: Person): Caller => ({ userId: person.id, role: 'customer', sessionId: 0 });
  const body = (subject: string): CreateCaseBody => ({ subject, description: `About ${subject}` });
  const setAgent = (agent: Person, values: { last_assigned_at?: number; availability?: 'available' | 'away' }) =>
    db().updateTable('agents').set(values).where('user_id', '=', agent.id).execute();

  it('assigns a batch as one case at a time would, queues what finds no room and records every case', async () => {
    const roomy = await server.addAgent({ capacity: 2 });
    const single = await server.addAgent({ capacity: 1 });
    await setAgent(roomy, { last_assigned_at: 1_000 });
    await setAgent(single, { last_assigned_at: 2_000 });
    const [ann, bob] = [await server.signup('Ann'), await server.signup('Bob')];

    const created = await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((subject, i) =>
        createCase(server.ctx, asCaller(i % 2 ? bob : ann), body(subject)),
      ),
    );

    expect(new Set(created.map((item) => item.createdAt)).size).toBe(1); // one batch, one transaction time
    const ids = created.map((item) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(created.map((item) => [item.subject, item.status, item.assignee?.id ?? null])).toEqual([
      ['one', 'open', roomy.id],
      ['two', 'open', single.id],
      ['three', 'open', roomy.id],
      ['four', 'new', null],
      ['five', 'new', null],
    ]);
    expect(created.map((item) => item.customer.id)).toEqual([ann.id, bob.id, ann.id, bob.id, ann.id]);

    const loads = await db().selectFrom('agents').select(['user_id', 'active_cases']).orderBy('user_id').execute();
    expect(loads).toEqual([
      { user_id: roomy.id, active_cases: 2 },
      { user_id: single.id, active_cases: 1 },
    ]);
    const assignments = await db().selectFrom('assignments').select(['case_id', 'agent_id']).orderBy('id').execute();
    expect(assignments).toEqual([
      { case_id: ids[0], agent_id: roomy.id },
      { case_id: ids[1], agent_id: single.id },
      { case_id: ids[2], agent_id: roomy.id },
    ]);
    const messages = await db().selectFrom('messages').select(['case_id', 'author_id', 'body']).orderBy('id').execute();
    expect(messages).toEqual(
      created.map((item) => ({ case_id: item.id, author_id: item.customer.id, body: item.description })),
    );
    const activity = await db()
      .selectFrom('activity')
      .select(['type', 'case_id', 'actor_id'])
      .where('case_id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(activity.filter((row) => row.type === 'case.created')).toEqual(
      created.map((item) => ({ type: 'case.created', case_id: item.id, actor_id: item.customer.id })),
    );
    expect(activity.filter((row) => row.type === 'case.assigned').map((row) => [row.case_id, row.actor_id])).toEqual([
      [ids[0], null],
      [ids[1], null],
      [ids[2], null],
    ]);
  });

  it('puts a batch behind a case already queued (rule 1)', async () => {
    const agent = await server.addAgent({ capacity: 1 });
    await setAgent(agent, { availability: 'away' });
    const customer = await server.signup();
    const waiting = await createCase(server.ctx, asCaller(customer), body('waiting'));
    // Back without the drain an availability change runs: the queue holds a case while the agent has room.
    await setAgent(agent, { availability: 'available' });

    const batch = await Promise.all(
      ['later', 'latest'].map((subject) => createCase(server.ctx, asCaller(customer), body(subject))),
    );

    expect(batch.map((item) => item.status)).toEqual(['new', 'new']);
    const holder = await db()
      .selectFrom('cases')
      .select('assignee_id')
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(holder.assignee_id).toBe(agent.id);
  });

  it('stores a lone surrogate half as U+FFFD, as any text parameter would be', async () => {
    await server.addAgent({ capacity: 5 });
    const customer = await server.signup();
    const created = await createCase(server.ctx, asCaller(customer), {
      ...body('broken \ud800 text'),
      product: '\udc00',
    });
    expect([created.subject, created.product]).toEqual(['broken \ufffd text', '\ufffd']);
    const stored = await db().selectFrom('cases').select(['subject', 'product']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ subject: 'broken \ufffd text', product: '\ufffd' });
  });

  it('fails one bad request of a batch alone: the others are created once', async () => {
    await server.addAgent({ capacity: 5 });
    const customer = await server.signup();
    const caller = asCaller(customer);
    const first = await createCase(server.ctx, caller, body('first'), 'key-1');

    const outcomes = await Promise.allSettled([
      createCase(server.ctx, caller, body('before')),
      createCase(server.ctx, caller, body('not first'), 'key-1'),
      createCase(server.ctx, caller, body('first'), 'key-1'),
      createCase(server.ctx, caller, body('after')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { status: 409 } });
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { id: first.id } });
    const subjects = await db().selectFrom('cases').select('subject').orderBy('id').execute();
    expect(subjects.map((row) => row.subject).sort()).toEqual(['after', 'before', 'first']);
  });
});
