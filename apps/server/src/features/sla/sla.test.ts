import type { Case, SlaSettings } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { startReceiver, verifies } from '../../testing/webhook-receiver.js';
import { businessClock } from './business-time.js';

const MINUTE_MS = 60_000;
const ALWAYS = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const POLICIES: SlaSettings['policies'] = [
  { priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 120 },
  { priority: 'high', firstResponseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'normal', firstResponseMinutes: 60, resolutionMinutes: 480 },
  { priority: 'low', firstResponseMinutes: 60, resolutionMinutes: 480 },
];
const around = (iso: string | undefined, expected: number) =>
  expect(Math.abs(Date.parse(iso ?? '') - expected)).toBeLessThan(1_000);

describe.each(engines)('SLA on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  let customer: Person;

  beforeEach(async () => {
    server = await startTestServer(engine, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    admin = await server.admin();
    agent = await server.addAgent({ capacity: 10, name: 'Maya' });
    customer = await server.signup('Ann');
  });
  afterEach(() => server.close());

  const api = (method: string, url: string, token: string | undefined, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token, body });
  const db = () => server.ctx.database.db;

  async function setSla(calendar: Partial<SlaSettings['calendar']> = {}, policies = POLICIES) {
    const reply = await api('PUT', '/sla', admin.token, {
      calendar: { timeZone: 'UTC', hours: ALWAYS, holidays: [], ...calendar },
      policies,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }

  async function report(token = customer.token): Promise<Case> {
    const reply = await api('POST', '/cases', token, {
      subject: 'Do the boots run small?',
      description: 'I usually wear a 42 and wonder which size to order.',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }
  const read = async (id: number): Promise<Case> => (await api('GET', `/cases/${id}`, agent.token)).body;

  it('starts with office hours and no targets, and refuses bad settings naming the field, changing nothing', async () => {
    const initial = await api('GET', '/sla', admin.token);
    expect(initial.body).toMatchObject({ calendar: { timeZone: 'UTC' }, policies: [], updatedAt: null });
    expect((await report()).sla).toBeNull();

    await setSla();
    const good = { timeZone: 'UTC', hours: ALWAYS, holidays: [] };
    for (const [body, path] of [
      [{ calendar: { ...good, timeZone: 'Mars/Olympus' }, policies: [] }, 'calendar.timeZone'],
      [
        { calendar: { ...good, hours: [{ day: 1, start: '17:00', end: '09:00' }] }, policies: [] },
        'calendar.hours.0.end',
      ],
      [
        {
          calendar: {
            ...good,
            hours: [
              { day: 1, start: '09:00', end: '13:00' },
              { day: 1, start: '12:00', end: '17:00' },
            ],
          },
          policies: [],
        },
        'calendar.hours.1',
      ],
      [
        { calendar: { ...good, hours: [{ day: 7, start: '09:00', end: '17:00' }] }, policies: [] },
        'calendar.hours.0.day',
      ],
      [{ calendar: { ...good, holidays: ['2026-13-01'] }, policies: [] }, 'calendar.holidays.0'],
      [{ calendar: good, policies: [{ ...POLICIES[0], firstResponseMinutes: -5 }] }, 'policies.0.firstResponseMinutes'],
      [{ calendar: good, policies: [POLICIES[0], POLICIES[0]] }, 'policies'],
    ] as const) {
      const reply = await api('PUT', '/sla', admin.token, body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect((await api('PUT', '/sla', agent.token, { calendar: good, policies: [] })).status).toBe(403);
    expect((await api('GET', '/sla', customer.token)).status).toBe(403);
    expect((await api('GET', '/sla', admin.token)).body.policies).toEqual(POLICIES);
  });

  it('stamps due times in business hours on every new case, for the customer and staff alike', async () => {
    await setSla();
    const created = await report();
    const start = Date.parse(created.createdAt);
    expect(['normal', 'low']).toContain(created.priority);
    expect(created.sla?.state).toBe('ok');
    around(created.sla?.firstResponseDueAt, start + 60 * MINUTE_MS);
    around(created.sla?.resolutionDueAt, start + 480 * MINUTE_MS);

    // Office hours somewhere far away: the due time is a business-time distance, whatever the hour now.
    const calendar = {
      timeZone: 'Pacific/Chatham',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
      holidays: [],
    };
    await setSla(calendar);
    const office = await report();
    const clock = businessClock(calendar);
    const officeStart = Date.parse(office.createdAt);
    const due = Date.parse(office.sla?.firstResponseDueAt ?? '');
    expect(clock.between(officeStart, due)).toBe(60 * MINUTE_MS);
    expect(due).toBeGreaterThanOrEqual(officeStart + 60 * MINUTE_MS);
  });

  it('pauses while the case waits on the customer and adds the pause when it runs again', async () => {
    await setSla();
    const created = await report();
    expect((await api('PATCH', `/cases/${created.id}`, agent.token, { status: 'pending' })).status).toBe(200);
    const paused = await read(created.id);
    expect(paused.sla?.state).toBe('paused');

    // Ten minutes of waiting, as if they had passed.
    const pausedAt = Date.now() - 10 * MINUTE_MS;
    await db().updateTable('cases').set({ sla_paused_at: pausedAt }).where('id', '=', created.id).execute();
    expect((await api('PATCH', `/cases/${created.id}`, agent.token, { status: 'open' })).status).toBe(200);
    const resumed = await read(created.id);
    expect(resumed.sla?.state).toBe('ok');
    const start = Date.parse(created.createdAt);
    const stoppedFor = Date.parse(resumed.updatedAt) - pausedAt;
    around(resumed.sla?.firstResponseDueAt, start + 60 * MINUTE_MS + stoppedFor);
    around(resumed.sla?.resolutionDueAt, start + 480 * MINUTE_MS + stoppedFor);
  });

  it.runIf(engine === 'postgres')('stamps cases in another process with new targets within seconds', async () => {
    const peer = await server.startPeer();
    const reportOnPeer = async () => {
      const reply = await peer.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: 'Sizes?', description: 'Which size should I order?' },
      });
      expect(reply.status).toBe(201);
      return reply.body as Case;
    };
    try {
      // The peer has read the settings (none yet) before they change.
      expect((await reportOnPeer()).sla).toBeNull();
      await setSla();
      const stamped = await until('the other process to stamp with the new targets', async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const created = await reportOnPeer();
        return created.sla ? created : undefined;
      });
      around(stamped.sla?.firstResponseDueAt, Date.parse(stamped.createdAt) + 60 * MINUTE_MS);
    } finally {
      await peer.close();
    }
  });

  it('recomputes the due times when the priority changes, and drops them for a priority without targets', async () => {
    await setSla();
    const created = await report();
    expect(created.sla).not.toBeNull();
    const start = Date.parse(created.createdAt);
    const urgent = (await api('PATCH', `/cases/${created.id}`, agent.token, { priority: 'urgent' })).body as Case;
    around(urgent.sla?.firstResponseDueAt, start + 15 * MINUTE_MS);
    around(urgent.sla?.resolutionDueAt, start + 120 * MINUTE_MS);
    await setSla({}, POLICIES.slice(0, 3));
    const low = (await api('PATCH', `/cases/${created.id}`, agent.token, { priority: 'low' })).body as Case;
    expect(low.sla).toBeNull();
  });

  it('raises at-risk and breaches from its durable timer: activity, a signed sla.breached webhook, and the lists', async () => {
    const receiver = await startReceiver();
    const hook = await api('POST', '/webhooks', admin.token, { url: receiver.url, events: ['sla.breached'] });
    expect(hook.status).toBe(201);
    await setSla();
    const atRisk = await report();
    const late = await report();
    const now = Date.now();
    // The clocks as they would stand after 50 and 70 minutes of a 60-minute first-response target.
    await db()
      .updateTable('cases')
      .set({ sla_first_response_risk_at: now - 2 * MINUTE_MS, sla_next_alert_at: now - 2 * MINUTE_MS })
      .where('id', '=', atRisk.id)
      .execute();
    await db()
      .updateTable('cases')
      .set({
        sla_first_response_risk_at: now - 20 * MINUTE_MS,
        sla_first_response_due_at: now - 10 * MINUTE_MS,
        sla_next_alert_at: now - 20 * MINUTE_MS,
      })
      .where('id', '=', late.id)
      .execute();

    await until('the timer to raise the breach', async () => {
      const rows = await db()
        .selectFrom('activity')
        .select('to_value')
        .where('type', '=', 'case.sla_breached')
        .execute();
      return rows.length === 1;
    });
    await until('the at-risk case to be listed', async () => {
      const list = await api('GET', '/cases?sla=at_risk', agent.token);
      return list.body.items.length === 1;
    });
    expect((await api('GET', '/cases?sla=at_risk', agent.token)).body.items.map((c: Case) => c.id)).toEqual([
      atRisk.id,
    ]);
    expect((await api('GET', '/cases?sla=breached', agent.token)).body.items.map((c: Case) => c.id)).toEqual([late.id]);
    expect((await read(atRisk.id)).sla?.state).toBe('at_risk');
    expect((await read(late.id)).sla?.state).toBe('breached');

    const breach = await db()
      .selectFrom('activity')
      .select(['case_id', 'to_value'])
      .where('type', '=', 'case.sla_breached')
      .executeTakeFirstOrThrow();
    expect(breach).toEqual({ case_id: late.id, to_value: 'first_response' });
    const delivered = await until('the breach to reach the receiver', async () => receiver.received[0]);
    expect(verifies(hook.body.secret, delivered)).toBe(true);
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: 'sla.breached',
      data: { caseId: late.id, caseNumber: late.number, target: 'first_response' },
    });

    // Raised once: later ticks find nothing more to say about these two cases.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const again = await db().selectFrom('activity').select('id').where('type', '=', 'case.sla_breached').execute();
    expect(again).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it('calls a case resolved within its targets met, and a late one breached for good', async () => {
    await setSla();
    const created = await report();
    expect(
      (await api('POST', `/cases/${created.id}/messages`, agent.token, { body: 'They run true to size.' })).status,
    ).toBe(201);
    const resolved = (await api('POST', `/cases/${created.id}/resolve`, agent.token)).body as Case;
    expect(resolved.sla?.state).toBe('met');

    const late = await report();
    await db()
      .updateTable('cases')
      .set({ sla_first_response_due_at: Date.now() - MINUTE_MS })
      .where('id', '=', late.id)
      .execute();
    expect((await api('POST', `/cases/${late.id}/resolve`, agent.token)).body.sla.state).toBe('breached');
  });
});
