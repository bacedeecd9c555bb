import type { Case, Message } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';

const DESCRIPTION = 'The zip on my new backpack broke on day one.';

describe.each(engines)('conversation on %s', (engine) => {
  let server: TestServer;
  let ann: Person;
  let carl: Person;
  let agent: Person;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ann = await server.signup('Ann');
    carl = await server.signup('Carl');
    // One agent with room for every case in this file, so assignment never depends on test order.
    agent = await server.addAgent({ name: 'Alice', capacity: 50 });
  });
  afterAll(() => server.close());

  async function report(): Promise<Case> {
    const reply = await server.call('POST', '/api/v1/cases', {
      token: ann.token,
      body: { subject: 'Broken zip', description: DESCRIPTION },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  async function post(caseId: number, author: Person, body: string, internal?: boolean): Promise<Message> {
    const reply = await server.call('POST', `/api/v1/cases/${caseId}/messages`, {
      token: author.token,
      body: internal === undefined ? { body } : { body, internal },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  async function thread(caseId: number, reader: Person, query = ''): Promise<Message[]> {
    const reply = await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=100${query}`, {
      token: reader.token,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.items;
  }

  const bodies = (messages: Message[]) => messages.map((message) => message.body);

  it('opens the thread with the description; customer and agent reply, newest last', async () => {
    const created = await report();
    const question = await post(created.id, agent, 'Could you send a photo?');
    const answer = await post(created.id, ann, 'Here it is.');
    expect(question).toMatchObject({
      caseId: created.id,
      author: { id: agent.id, name: 'Alice', role: 'agent' },
      internal: false,
    });
    expect(answer.author).toEqual({ id: ann.id, name: 'Ann', role: 'customer' });
    for (const reader of [ann, agent, await server.admin()]) {
      const messages = await thread(created.id, reader);
      expect(bodies(messages)).toEqual([DESCRIPTION, 'Could you send a photo?', 'Here it is.']);
      expect(messages[0]?.author.id).toBe(ann.id);
    }
  });

  it('hides internal notes from the customer, in the list and by id', async () => {
    const created = await report();
    const note = await post(created.id, agent, 'Customer has had three of these.', true);
    expect(note.internal).toBe(true);
    await post(created.id, agent, 'We will replace it.');
    expect(bodies(await thread(created.id, agent))).toContain('Customer has had three of these.');
    expect(bodies(await thread(created.id, await server.admin()))).toContain('Customer has had three of these.');
    const customerView = await thread(created.id, ann);
    expect(bodies(customerView)).toEqual([DESCRIPTION, 'We will replace it.']);
    expect(customerView.every((message) => !message.internal)).toBe(true);
    // Addressing the note by id answers as if it did not exist (404, never 403).
    const byId = await server.call('DELETE', `/api/v1/cases/${created.id}/messages/${note.id}`, { token: ann.token });
    expect(byId.status).toBe(404);
    expect(bodies(await thread(created.id, agent))).toContain('Customer has had three of these.');
  });

  it('refuses an internal note from a customer (403) and stores nothing', async () => {
    const created = await report();
    const reply = await server.call('POST', `/api/v1/cases/${created.id}/messages`, {
      token: ann.token,
      body: { body: 'Secret', internal: true },
    });
    expect(reply.status).toBe(403);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(bodies(await thread(created.id, agent))).toEqual([DESCRIPTION]);
  });

  it('sets firstResponseAt at the first public agent reply only', async () => {
    const created = await report();
    expect(created.firstResponseAt).toBeNull();
    const firstResponse = async () => {
      const reply = await server.call('GET', `/api/v1/cases/${created.id}`, { token: ann.token });
      return reply.body.firstResponseAt as string | null;
    };
    await post(created.id, ann, 'Any news?');
    expect(await firstResponse()).toBeNull();
    await post(created.id, agent, 'Checking stock first.', true);
    expect(await firstResponse()).toBeNull();
    const answer = await post(created.id, agent, 'A replacement is on its way.');
    expect(await firstResponse()).toBe(answer.createdAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(created.id, agent, 'Tracking number: 123.');
    expect(await firstResponse()).toBe(answer.createdAt);
  });

  it('pages through a long thread with an opaque cursor, oldest first, no duplicates', async () => {
    const created = await report();
    const posted = [DESCRIPTION];
    for (let i = 1; i <= 6; i++) {
      const author = i % 2 === 0 ? agent : ann;
      posted.push((await post(created.id, author, `Message ${i}`)).body);
    }
    const seen: Message[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const reply = await server.call('GET', `/api/v1/cases/${created.id}/messages${query}`, { token: ann.token });
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(bodies(seen)).toEqual(posted);
    expect(new Set(seen.map((message) => message.id)).size).toBe(seen.length);

    for (const query of ['cursor=not-a-cursor', 'cursor=%24%24', 'limit=0', 'limit=101']) {
      const bad = await server.call('GET', `/api/v1/cases/${created.id}/messages?${query}`, { token: ann.token });
      expect(bad.status, query).toBe(422);
    }
  });

  it('rejects a well-formed cursor that no page could have returned with a 422, not a 500', async () => {
    const created = await report();
    const forged = Buffer.from('v1:9999999999').toString('base64url');
    const reply = await server.call('GET', `/api/v1/cases/${created.id}/messages?cursor=${forged}`, {
      token: ann.token,
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toEqual(['cursor']);
  });

  it('lets authors delete their own messages but not others’, nor the description', async () => {
    const created = await report();
    const [description] = await thread(created.id, ann);
    const mine = await post(created.id, ann, 'Oops, wrong case.');
    const theirs = await post(created.id, agent, 'Noted.');
    const note = await post(created.id, agent, 'Draft note', true);
    const remove = (message: Message | undefined, person: Person) =>
      server.call('DELETE', `/api/v1/cases/${created.id}/messages/${message?.id}`, { token: person.token });

    expect((await remove(theirs, ann)).status).toBe(403);
    expect((await remove(mine, agent)).status).toBe(403);
    expect((await remove(mine, await server.admin())).status).toBe(403);
    const first = await remove(description, ann);
    expect(first.status).toBe(409);
    expect(first.headers['content-type']).toContain('application/problem+json');
    expect(bodies(await thread(created.id, agent))).toEqual([DESCRIPTION, 'Oops, wrong case.', 'Noted.', 'Draft note']);

    const deleted = await remove(mine, ann);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await remove(note, agent)).status).toBe(204);
    expect(bodies(await thread(created.id, agent))).toEqual([DESCRIPTION, 'Noted.']);
    expect((await remove(mine, ann)).status).toBe(404);
  });

  it('answers 404 to another customer on list, post and delete, and changes nothing', async () => {
    const created = await report();
    const mine = await post(created.id, ann, 'Only for my eyes.');
    const path = `/api/v1/cases/${created.id}/messages`;
    expect((await server.call('GET', path, { token: carl.token })).status).toBe(404);
    expect((await server.call('POST', path, { token: carl.token, body: { body: 'Hi!' } })).status).toBe(404);
    expect((await server.call('DELETE', `${path}/${mine.id}`, { token: carl.token })).status).toBe(404);
    expect(bodies(await thread(created.id, ann))).toEqual([DESCRIPTION, 'Only for my eyes.']);
    expect((await server.call('GET', path)).status).toBe(401);
  });

  it('rejects an empty message with a 422 naming the body', async () => {
    const created = await report();
    const reply = await server.call('POST', `/api/v1/cases/${created.id}/messages`, {
      token: ann.token,
      body: { body: '   ' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toEqual(['body']);
    expect(bodies(await thread(created.id, ann))).toEqual([DESCRIPTION]);
  });
});
