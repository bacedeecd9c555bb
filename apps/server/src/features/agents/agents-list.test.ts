import type { Agent } from '@caseflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestServer, type TestServer, uniqueEmail } from '../../testing/harness.js';

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

/** Added without a password (an invitation instead), so no password hashing slows the set-up. */
async function addAgent(server: TestServer, name: string, email = uniqueEmail('list')): Promise<Agent> {
  const reply = await server.call('POST', '/api/v1/agents', {
    token: (await server.admin()).token,
    body: { email, name },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function list(server: TestServer, query: string, token?: string) {
  return server.call('GET', `/api/v1/agents?${query}`, { token: token ?? (await server.admin()).token });
}

/** Follows nextCursor from the first page to the last; returns the ids in order and the page count. */
async function walk(server: TestServer, query: string) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const reply = await list(server, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ids.push(...reply.body.items.map((item: Agent) => item.id));
    cursor = reply.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids, pages };
}

describe.each(engines)('listing agents on %s', (engine) => {
  let server: TestServer;
  let agents: Agent[];
  beforeAll(async () => {
    server = await startTestServer(engine);
    // Three share one name and two another, so only the id tells them apart on a page boundary.
    const names = ['Quinn Same', 'Ada Lovelace', 'Quinn Same', 'Zed Last', 'Quinn Same', 'Bo Twin', 'Bo Twin'];
    agents = [];
    for (const name of names) agents.push(await addAgent(server, name));
    agents.push(await addAgent(server, 'Mia Mailonly', uniqueEmail('Findme.Special')));
    agents.push(await addAgent(server, '100%_sure'));
  });
  afterAll(() => server.close());

  it('walks every agent exactly once, by name then id, across pages split inside runs of equal names', async () => {
    const everything = await list(server, 'limit=100');
    expect(everything.body.nextCursor).toBeNull();
    const ordered: Agent[] = everything.body.items;
    expect(ordered.map((agent) => agent.id).sort((a, b) => a - b)).toEqual(agents.map((agent) => agent.id));
    for (const [index, agent] of ordered.entries()) {
      const next = ordered[index + 1];
      if (next?.name === agent.name) expect(next.id).toBeGreaterThan(agent.id);
    }
    for (const limit of [1, 2, 3]) {
      const { ids, pages } = await walk(server, `limit=${limit}`);
      expect(ids, `limit=${limit}`).toEqual(ordered.map((agent) => agent.id));
      expect(pages).toBe(Math.ceil(agents.length / limit));
    }
  });

  it('pages 25 agents by default and up to 100 when asked', async () => {
    while (agents.length < 26) agents.push(await addAgent(server, `Filler ${agents.length}`));
    const first = await list(server, '');
    expect(first.body.items).toHaveLength(25);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await list(server, `cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(agents.length - 25);
    expect(rest.body.nextCursor).toBeNull();
    expect((await list(server, 'limit=100')).body.items).toHaveLength(agents.length);
  });

  it('searches names and emails in any case, trimmed, with % and _ taken literally', async () => {
    const names = async (q: string) =>
      (await list(server, `limit=100&q=${encodeURIComponent(q)}`)).body.items.map((agent: Agent) => agent.name);
    expect(await names('quinn')).toEqual(['Quinn Same', 'Quinn Same', 'Quinn Same']);
    expect(await names('  LOVELACE ')).toEqual(['Ada Lovelace']);
    expect(await names('findme.SPECIAL')).toEqual(['Mia Mailonly']);
    expect(await names('0%_')).toEqual(['100%_sure']);
    expect(await names('%')).toEqual(['100%_sure']);
    expect(await names('nobody at all')).toEqual([]);
    expect(await names('   ')).toHaveLength(agents.length);
    expect(await names('')).toHaveLength(agents.length);
  });

  it('pages a search with the same cursors', async () => {
    const quinns = agents.filter((agent) => agent.name === 'Quinn Same').map((agent) => agent.id);
    expect(await walk(server, 'limit=2&q=same')).toEqual({ ids: quinns, pages: 2 });
  });

  it('rejects bad cursors, limits and searches with a 422 naming the parameter', async () => {
    const queries = [
      ['cursor=garbage', 'cursor'],
      ['cursor=%21%21%21', 'cursor'],
      [`cursor=${cursorOf('v1:5')}`, 'cursor'], // a case-list cursor
      [`cursor=${cursorOf('n1:9999999999:Quinn')}`, 'cursor'],
      [`cursor=${cursorOf('n1:0:Quinn')}`, 'cursor'],
      [`cursor=${cursorOf('n1:12:Nul\u0000name')}`, 'cursor'],
      [`cursor=${'A'.repeat(604)}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=two', 'limit'],
      [`q=${'x'.repeat(255)}`, 'q'],
      ['q=a%00b', 'q'],
    ];
    for (const [query, path] of queries) {
      const reply = await list(server, query!);
      expect(reply.status, query).toBe(422);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(fieldPaths(reply.body), query).toEqual([path]);
    }
  });

  it('leaves removed agents out of every page and every search', async () => {
    const leaving = await addAgent(server, 'Quinn Same');
    const admin = await server.admin();
    expect((await list(server, 'limit=100&q=quinn')).body.items).toHaveLength(4);
    expect((await server.call('DELETE', `/api/v1/agents/${leaving.id}`, { token: admin.token })).status).toBe(204);
    const { ids } = await walk(server, 'limit=2');
    expect(ids).not.toContain(leaving.id);
    expect(new Set(ids)).toEqual(new Set(agents.map((agent) => agent.id)));
    expect((await list(server, 'limit=100&q=quinn')).body.items).toHaveLength(3);
  });

  it('lets agents and admins list, refuses customers (403) and anonymous callers (401)', async () => {
    const agent = await server.addAgent({ name: 'Reader' });
    expect((await list(server, 'limit=1', agent.token)).status).toBe(200);
    const customer = await server.signup();
    expect((await list(server, 'limit=1', customer.token)).status).toBe(403);
    expect((await server.call('GET', '/api/v1/agents?q=quinn')).status).toBe(401);
  });
});
