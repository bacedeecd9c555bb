import type { Case } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

describe.each(engines)('the queue in the order it is served, on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
  });
  afterEach(() => server.close());

  it('lists queued cases by priority, then age, then id, page by page; and refuses the order for other statuses', async () => {
    // Nobody to assign to: every case queues. The priority is staff's to set.
    const customer = await server.signup('Queue');
    const priorities = ['normal', 'urgent', 'low', 'high', 'normal', 'urgent', 'high'] as const;
    const created: Case[] = [];
    for (const priority of priorities) {
      const reply = await server.call('POST', '/api/v1/cases', {
        token: customer.token,
        body: { subject: `Case ${created.length}`, description: 'Waiting.' },
      });
      expect(reply.status).toBe(201);
      const changed = await server.call('PATCH', `/api/v1/cases/${reply.body.id}`, {
        token: admin.token,
        body: { priority },
      });
      expect(changed.status).toBe(200);
      created.push(changed.body);
    }
    const rank = { urgent: 3, high: 2, normal: 1, low: 0 };
    const expected = [...created]
      .sort((a, b) => rank[b.priority] - rank[a.priority] || a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
      .map((item) => item.id);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/cases?status=new&order=queue&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await server.call('GET', url, { token: admin.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: Case) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);

    const wrongStatus = await server.call('GET', '/api/v1/cases?status=open&order=queue', { token: admin.token });
    expect(wrongStatus.status).toBe(422);
    expect(wrongStatus.body.errors).toEqual([expect.objectContaining({ path: 'order' })]);
    const newestCursor = (await server.call('GET', '/api/v1/cases?limit=1', { token: admin.token })).body.nextCursor;
    const mixed = await server.call('GET', `/api/v1/cases?status=new&order=queue&cursor=${newestCursor}`, {
      token: admin.token,
    });
    expect(mixed.status).toBe(422);
  });
});
