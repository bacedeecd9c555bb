import type { Case, TriageRecord, TriageStats } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

const SAFETY = {
  subject: 'Heater smoking',
  description: 'The fan heater started smoking and the plug melted. I want a refund please.',
};

describe.each(engines)('triage on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let customer: Person;
  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    customer = await server.signup('Tara');
  });
  afterEach(() => server.close());

  const api = (method: string, url: string, body?: unknown, token = admin.token) =>
    server.call(method, `/api/v1${url}`, { token, body });

  async function report(body: { subject: string; description: string; category?: string }): Promise<Case> {
    const reply = await api('POST', '/cases', body, customer.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  it('triages a new case before it is queued: a safety case is defective and urgent, and jumps the queue', async () => {
    // Nobody is free: both cases queue, and the urgent one must come first although it came second.
    const ordinary = await report({ subject: 'Question about sizes', description: 'Do the jeans run small?' });
    const urgent = await report(SAFETY);
    expect(urgent).toMatchObject({ category: 'defective', priority: 'urgent', status: 'new' });
    expect(urgent.triage).toBeNull(); // the customer does not see the reasons
    const staffView: Case = (await api('GET', `/cases/${urgent.id}`)).body;
    expect(staffView.triage).toMatchObject({ category: 'defective', priority: 'urgent', model: expect.any(String) });
    expect(staffView.triage?.reasons.length).toBeGreaterThan(0);
    expect(staffView.tags.length).toBeLessThanOrEqual(10);
    const agent = await server.addAgent({ name: 'Ada' });
    const first: Case = (await api('GET', `/cases/${urgent.id}`)).body;
    expect(first.assignee?.id).toBe(agent.id);
    expect((await api('GET', `/cases/${ordinary.id}`)).body.status).toBe('new');
  });

  it("keeps the customer's chosen category and still sets the priority", async () => {
    const created = await report({ ...SAFETY, category: 'billing' });
    expect(created).toMatchObject({ category: 'billing', priority: 'urgent' });
  });

  it('previews without creating anything, for staff only, and answers any text', async () => {
    const preview = await api('POST', '/triage', SAFETY);
    expect(preview.status).toBe(200);
    expect(preview.body as TriageRecord).toMatchObject({ category: 'defective', priority: 'urgent' });
    for (const text of ['', 'x'.repeat(100_000), '\u0000\u0001\u0002 ��� 0x7f 0x80', 'Das Paket ist nie angekommen.']) {
      const reply = await api('POST', '/triage', { subject: '', description: text });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.confidence.category).toBeGreaterThanOrEqual(0);
    }
    expect((await api('GET', '/cases')).body.items).toEqual([]);
    expect((await api('POST', '/triage', SAFETY, customer.token)).status).toBe(403);
    const bad = await api('POST', '/triage', { subject: 42, description: 'x' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('subject');
  });

  it('logs a staff change of a triaged value as a correction, counts it in the stats, and learns it on retrain', async () => {
    const phrase = { subject: 'Zorblax gizmo', description: 'My zorblax gizmo wobbles oddly on the shelf.' };
    const created = await report(phrase);
    const corrected = await api('PATCH', `/cases/${created.id}`, {
      category: 'billing',
      priority: 'high',
      tags: ['charge', 'zorblax'],
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ category: 'billing', priority: 'high', tags: ['charge', 'zorblax'] });
    const activity = (await api('GET', `/cases/${created.id}/events`)).body.items as { type: string }[];
    expect(activity.map((event) => event.type)).toEqual(
      expect.arrayContaining(['case.category_changed', 'case.priority_changed', 'case.tags_changed']),
    );
    const stats: TriageStats = (await api('GET', '/triage/stats')).body;
    expect(stats.corrections).toBe(1);
    expect(stats.category).toMatchObject({ triaged: 1, corrected: created.category === 'billing' ? 0 : 1 });
    expect(stats.priority).toMatchObject({ triaged: 1, corrected: created.priority === 'high' ? 0 : 1 });

    const before = (await api('POST', '/triage', phrase)).body as TriageRecord;
    const retrained = await api('POST', '/triage/retrain');
    expect(retrained.status).toBe(200);
    expect(retrained.body).toMatchObject({ corrections: 1, trainedOn: stats.trainedOn + 1 });
    expect(retrained.body.version).not.toBe(before.version);
    expect((await api('POST', '/triage/retrain', undefined, customer.token)).status).toBe(403);
    expect((await api('GET', '/triage/stats', undefined, (await server.addAgent({ name: 'Al' })).token)).status).toBe(
      403,
    );
  });

  it('answers other requests while it retrains, and answers every retrain asked for', async () => {
    await report({ subject: 'Warm up', description: 'The first case trains the model.' });
    const finished: string[] = [];
    const first = api('POST', '/triage/retrain').then((reply) => {
      finished.push('first');
      return reply;
    });
    const second = api('POST', '/triage/retrain').then((reply) => {
      finished.push('second');
      return reply;
    });
    // Training takes hundreds of milliseconds in slices of about ten: a case is created meanwhile.
    const during = await api(
      'POST',
      '/cases',
      { subject: 'Kettle', description: 'Does it come in red?' },
      customer.token,
    );
    expect(during.status).toBe(201);
    expect(finished).toEqual([]);
    const [one, two] = await Promise.all([first, second]);
    expect([one.status, two.status]).toEqual([200, 200]);
    // Which request reaches the engine first is up to the network (and, on PostgreSQL, its session lookups).
    expect([...finished].sort()).toEqual(['first', 'second']);
    expect(two.body.version).toBe(one.body.version);
  });

  it('refuses bad corrections with a 422 naming the field, changing nothing', async () => {
    const created = await report({ subject: 'Refund', description: 'I would like to return my shoes.' });
    const before: Case = (await api('GET', `/cases/${created.id}`)).body;
    expect(created.tags).toEqual([]); // the customer does not see tags
    for (const [body, field] of [
      [{ category: 'nonsense' }, 'category'],
      [{ tags: ['Not One Word'] }, 'tags'],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
      [{ tags: ['same', 'same'] }, 'tags'],
    ] as const) {
      const reply = await api('PATCH', `/cases/${created.id}`, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(422);
      expect(JSON.stringify(reply.body)).toContain(field);
    }
    expect((await api('GET', `/cases/${created.id}`)).body).toMatchObject({
      category: before.category,
      tags: before.tags,
    });
    expect((await api('GET', '/triage/stats')).body.corrections).toBe(0);
  });
});
