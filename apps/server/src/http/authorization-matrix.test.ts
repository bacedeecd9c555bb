import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csatToken } from '../features/csat/index.js';
import { unsubscribeToken } from '../features/notifications/index.js';
import {
  ADMIN,
  engines,
  PASSWORD,
  type Person,
  type Reply,
  startTestServer,
  type TestServer,
  uniqueEmail,
} from '../testing/harness.js';
import { TINY_PDF, uploadFile } from '../testing/uploads.js';

/**
 * SPEC §3 as a matrix: every /api/v1 route × every kind of caller, with the status each one must get.
 * 401 without credentials, 403 when the role may not use the route, 404 for a case (or its messages and
 * events) the caller may not see. A route registered without a row here fails the coverage test.
 */

const API = '/api/v1';
const ROLES = ['anonymous', 'owner', 'otherCustomer', 'agent', 'admin'] as const;
type Role = (typeof ROLES)[number];
type SignedInRole = Exclude<Role, 'anonymous'>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Expected = Record<Role, number>;

/** What one cell sends; `token` replaces the role's standing session (a fresh login, the agent itself, …). */
interface CellRequest {
  url: string;
  body?: unknown;
  token?: string;
}

interface Row {
  method: Method;
  /** The path as registered, matched against the app's own route table. */
  route: string;
  /** Which variant of the route the row exercises, when a route has several rows. */
  variant?: string;
  expected: Expected;
  /** Builds the request of one cell, creating first whatever a success would use up. */
  prepare: (role: Role) => Promise<CellRequest>;
}

interface PublicRow {
  method: Method;
  route: string;
  expected: number;
  prepare: () => Promise<CellRequest>;
}

const signedIn = (status: number): Expected => ({
  anonymous: 401,
  owner: status,
  otherCustomer: status,
  agent: status,
  admin: status,
});
const customersOnly = (status: number): Expected => ({
  anonymous: 401,
  owner: status,
  otherCustomer: status,
  agent: 403,
  admin: 403,
});
const staffOnly = (status: number): Expected => ({
  anonymous: 401,
  owner: 403,
  otherCustomer: 403,
  agent: status,
  admin: status,
});
const adminOnly = (status: number): Expected => ({
  anonymous: 401,
  owner: 403,
  otherCustomer: 403,
  agent: 403,
  admin: status,
});
/** The owner and staff read the case; another customer must not learn it exists. */
const caseReaders = (status: number): Expected => ({
  anonymous: 401,
  owner: status,
  otherCustomer: 404,
  agent: status,
  admin: status,
});

describe.each(engines)('authorization matrix on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let owner: Person;
  let otherCustomer: Person;
  let agent: Person;
  /** A second agent with room to spare: the target of manual assignments. */
  let spareAgent: Person;
  /** The owner's case for the cells that only read or add to it. */
  let ownerCase: number;
  /** A team besides the default, where transfers go. */
  let otherTeam: number;

  beforeAll(async () => {
    // Endpoints on loopback (port 9, discard: nothing listens) so the webhook rows need no outside DNS.
    server = await startTestServer(engine, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    admin = await server.admin();
    [owner, otherCustomer, agent, spareAgent] = await Promise.all([
      server.signup('Owner'),
      server.signup('Other customer'),
      server.addAgent({ capacity: 50, name: 'Agent' }),
      server.addAgent({ capacity: 50, name: 'Spare agent' }),
    ]);
    ownerCase = await createCase();
    otherTeam = await createTeam();
  });
  afterAll(() => server.close());

  const person = (role: SignedInRole): Person => ({ owner, otherCustomer, agent, admin })[role];

  function expectStatus(reply: Reply, status: number, what: string) {
    expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBe(status);
  }

  async function createCase(customer: Person = owner): Promise<number> {
    const reply = await server.call('POST', `${API}/cases`, {
      token: customer.token,
      body: { subject: 'Cracked screen', description: 'It arrived broken.', reason: 'damaged' },
    });
    expectStatus(reply, 201, 'create case');
    return reply.body.id;
  }

  async function createResolvedCase(): Promise<number> {
    const caseId = await createCase();
    expectStatus(
      await server.call('POST', `${API}/cases/${caseId}/resolve`, { token: admin.token }),
      200,
      'resolve case',
    );
    return caseId;
  }

  async function postMessage(author: Person, options: { internal?: boolean } = {}): Promise<number> {
    const reply = await server.call('POST', `${API}/cases/${ownerCase}/messages`, {
      token: author.token,
      body: { body: 'Any news?', internal: options.internal ?? false },
    });
    expectStatus(reply, 201, 'post message');
    return reply.body.id;
  }

  async function createWebhook(): Promise<number> {
    const reply = await server.call('POST', `${API}/webhooks`, {
      token: admin.token,
      body: { url: 'http://127.0.0.1:9/hook', events: ['case.created'] },
    });
    expectStatus(reply, 201, 'create webhook');
    return reply.body.id;
  }

  let articleCount = 0;
  async function createArticle(status: 'draft' | 'published' = 'published'): Promise<string> {
    const slug = `matrix-article-${++articleCount}`;
    const reply = await server.call('POST', `${API}/kb/articles`, {
      token: admin.token,
      body: { slug, title: 'Returns', body: 'Send it back within 30 days.', category: 'return_refund', status },
    });
    expectStatus(reply, 201, 'create article');
    return slug;
  }

  /** An unattached upload of the owner's (a PDF), for the download cells. */
  async function createUpload(): Promise<string> {
    const reply = await uploadFile(server, owner.token, { name: 'a.pdf', type: 'application/pdf', bytes: TINY_PDF });
    expectStatus(reply, 201, 'upload');
    return reply.body.id;
  }

  async function createTeam(): Promise<number> {
    const reply = await server.call('POST', `${API}/teams`, {
      token: admin.token,
      body: { name: uniqueEmail('team'), description: 'For the matrix' },
    });
    expectStatus(reply, 201, 'create team');
    return reply.body.id;
  }

  /** An agent record only (one password hash, no login) for cells that act on an agent but not as it. */
  async function createAgentRecord(capacity = 50): Promise<number> {
    const reply = await server.call('POST', `${API}/agents`, {
      token: admin.token,
      body: { email: uniqueEmail('target-agent'), name: 'Target agent', password: PASSWORD, capacity },
    });
    expectStatus(reply, 201, 'create agent');
    return reply.body.id;
  }

  /** A second session of the role's person, for cells that revoke the session they use. */
  async function freshToken(role: Role): Promise<string | undefined> {
    if (role === 'anonymous') return undefined;
    const who = person(role);
    return (await server.login(who.email, role === 'admin' ? ADMIN.password : PASSWORD)).token;
  }

  const rows: Row[] = [
    {
      method: 'POST',
      route: '/auth/logout',
      expected: signedIn(204),
      prepare: async (role) => {
        const token = await freshToken(role);
        return { url: `${API}/auth/logout`, ...(token ? { token } : {}) };
      },
    },
    { method: 'GET', route: '/auth/me', expected: signedIn(200), prepare: async () => ({ url: `${API}/auth/me` }) },
    {
      method: 'DELETE',
      route: '/auth/me',
      expected: customersOnly(204),
      prepare: async (role) => {
        const url = `${API}/auth/me`;
        if (role === 'owner' || role === 'otherCustomer') {
          // Success erases the account, so each customer cell deletes an account of its own.
          const customer = await server.signup('Leaving');
          return { url, token: customer.token, body: { password: PASSWORD } };
        }
        return { url, body: { password: role === 'admin' ? ADMIN.password : PASSWORD } };
      },
    },
    {
      method: 'GET',
      route: '/auth/me/preferences',
      expected: customersOnly(200),
      prepare: async () => ({ url: `${API}/auth/me/preferences` }),
    },
    {
      method: 'PATCH',
      route: '/auth/me/preferences',
      expected: customersOnly(200),
      prepare: async () => ({ url: `${API}/auth/me/preferences`, body: { caseEmails: true } }),
    },
    {
      method: 'POST',
      route: '/agents',
      expected: adminOnly(201),
      prepare: async () => ({
        url: `${API}/agents`,
        body: { email: uniqueEmail('new-agent'), name: 'New agent', password: PASSWORD, capacity: 1 },
      }),
    },
    { method: 'GET', route: '/agents', expected: staffOnly(200), prepare: async () => ({ url: `${API}/agents` }) },
    {
      method: 'GET',
      route: '/agents/:id',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/agents/${spareAgent.id}` }),
    },
    {
      method: 'GET',
      route: '/agents/:id/events',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/agents/${spareAgent.id}/events` }),
    },
    {
      method: 'PATCH',
      route: '/agents/:id',
      variant: 'availability, the agent calling on itself',
      expected: staffOnly(200),
      prepare: async (role) => {
        if (role === 'agent') {
          const self = await server.addAgent({ capacity: 50 });
          return { url: `${API}/agents/${self.id}`, token: self.token, body: { availability: 'away' } };
        }
        return { url: `${API}/agents/${await createAgentRecord()}`, body: { availability: 'away' } };
      },
    },
    {
      method: 'PATCH',
      route: '/agents/:id',
      variant: 'availability of another agent',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/agents/${await createAgentRecord()}`, body: { availability: 'away' } }),
    },
    {
      method: 'PATCH',
      route: '/agents/:id',
      variant: 'assignment mail, the agent calling on itself',
      expected: staffOnly(200),
      prepare: async (role) => {
        if (role === 'agent') return { url: `${API}/agents/${agent.id}`, body: { notifyOnAssignment: true } };
        return { url: `${API}/agents/${spareAgent.id}`, body: { notifyOnAssignment: true } };
      },
    },
    {
      method: 'PATCH',
      route: '/agents/:id',
      variant: 'assignment mail of another agent',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/agents/${spareAgent.id}`, body: { notifyOnAssignment: false } }),
    },
    {
      method: 'PATCH',
      route: '/agents/:id',
      variant: 'capacity, the agent calling on itself',
      expected: adminOnly(200),
      prepare: async (role) => {
        // Raising capacity never conflicts with the cases the agent already holds.
        if (role === 'agent') {
          const self = await server.addAgent({ capacity: 10 });
          return { url: `${API}/agents/${self.id}`, token: self.token, body: { capacity: 20 } };
        }
        return { url: `${API}/agents/${await createAgentRecord(10)}`, body: { capacity: 20 } };
      },
    },
    {
      method: 'DELETE',
      route: '/agents/:id',
      expected: adminOnly(204),
      prepare: async () => ({ url: `${API}/agents/${await createAgentRecord()}` }),
    },
    {
      method: 'POST',
      route: '/cases',
      expected: customersOnly(201),
      prepare: async () => ({
        url: `${API}/cases`,
        body: { subject: 'Wrong size', description: 'I ordered an M.', reason: 'wrong_item' },
      }),
    },
    { method: 'GET', route: '/cases', expected: signedIn(200), prepare: async () => ({ url: `${API}/cases` }) },
    {
      method: 'GET',
      route: '/cases/:id',
      expected: caseReaders(200),
      prepare: async () => ({ url: `${API}/cases/${ownerCase}` }),
    },
    {
      method: 'PATCH',
      route: '/cases/:id',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/cases/${await createCase()}`, body: { priority: 'high' } }),
    },
    {
      method: 'POST',
      route: '/cases/:id/resolve',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/cases/${await createCase()}/resolve` }),
    },
    {
      method: 'POST',
      route: '/cases/:id/reopen',
      expected: { anonymous: 401, owner: 200, otherCustomer: 404, agent: 403, admin: 403 },
      prepare: async () => ({ url: `${API}/cases/${await createResolvedCase()}/reopen` }),
    },
    {
      method: 'POST',
      route: '/cases/:id/assign',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/cases/${await createCase()}/assign`, body: { agentId: spareAgent.id } }),
    },
    {
      method: 'DELETE',
      route: '/cases/:id',
      expected: adminOnly(204),
      prepare: async () => ({ url: `${API}/cases/${await createCase()}` }),
    },
    {
      method: 'GET',
      route: '/cases/:id/events',
      expected: caseReaders(200),
      prepare: async () => ({ url: `${API}/cases/${ownerCase}/events` }),
    },
    {
      method: 'GET',
      route: '/cases/:id/messages',
      expected: caseReaders(200),
      prepare: async () => ({ url: `${API}/cases/${ownerCase}/messages` }),
    },
    {
      method: 'POST',
      route: '/cases/:id/messages',
      variant: 'public reply',
      expected: caseReaders(201),
      prepare: async () => ({ url: `${API}/cases/${ownerCase}/messages`, body: { body: 'Thanks!' } }),
    },
    {
      method: 'POST',
      route: '/cases/:id/messages',
      variant: 'internal note',
      // Customers never write internal notes, whatever the case: a role refusal, which reveals nothing.
      expected: staffOnly(201),
      prepare: async () => ({
        url: `${API}/cases/${ownerCase}/messages`,
        body: { body: 'Refund approved.', internal: true },
      }),
    },
    {
      method: 'DELETE',
      route: '/cases/:id/messages/:messageId',
      variant: "the owner's reply",
      expected: { anonymous: 401, owner: 204, otherCustomer: 404, agent: 403, admin: 403 },
      prepare: async () => ({ url: `${API}/cases/${ownerCase}/messages/${await postMessage(owner)}` }),
    },
    {
      method: 'DELETE',
      route: '/cases/:id/messages/:messageId',
      variant: "the agent's reply",
      expected: { anonymous: 401, owner: 403, otherCustomer: 404, agent: 204, admin: 403 },
      prepare: async () => ({ url: `${API}/cases/${ownerCase}/messages/${await postMessage(agent)}` }),
    },
    {
      method: 'DELETE',
      route: '/cases/:id/messages/:messageId',
      variant: "the agent's internal note",
      // The owner cannot see internal notes, so for them the note does not exist.
      expected: { anonymous: 401, owner: 404, otherCustomer: 404, agent: 204, admin: 403 },
      prepare: async () => ({
        url: `${API}/cases/${ownerCase}/messages/${await postMessage(agent, { internal: true })}`,
      }),
    },
    {
      method: 'POST',
      route: '/cases/:id/transfer',
      expected: staffOnly(200),
      prepare: async () => ({
        url: `${API}/cases/${await createCase()}/transfer`,
        body: { teamId: otherTeam, note: 'Billing question' },
      }),
    },
    {
      method: 'POST',
      route: '/cases/transfer',
      expected: adminOnly(200),
      prepare: async () => ({
        url: `${API}/cases/transfer`,
        body: { caseIds: [await createCase()], teamId: otherTeam },
      }),
    },
    {
      method: 'POST',
      route: '/cases/:id/notify',
      expected: staffOnly(202),
      prepare: async () => ({
        url: `${API}/cases/${ownerCase}/notify`,
        body: { teamId: otherTeam, note: 'Please look' },
      }),
    },
    {
      method: 'POST',
      route: '/cases/:id/return',
      // Only staff move returns; customers follow theirs on the case (GET /cases/:id).
      expected: staffOnly(200),
      prepare: async () => {
        const created = await server.call('POST', `${API}/cases`, {
          token: owner.token,
          body: { subject: 'Wrong colour', description: 'I want my money back.', desiredOutcome: 'refund' },
        });
        expectStatus(created, 201, 'create a case with a return');
        return { url: `${API}/cases/${created.body.id}/return`, body: { to: 'approved' } };
      },
    },
    {
      method: 'POST',
      route: '/triage',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/triage`, body: { subject: 'Broken', description: 'It broke.' } }),
    },
    {
      method: 'GET',
      route: '/triage/stats',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/triage/stats` }),
    },
    {
      method: 'POST',
      route: '/triage/retrain',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/triage/retrain` }),
    },
    {
      method: 'GET',
      route: '/kb/search',
      expected: { anonymous: 200, owner: 200, otherCustomer: 200, agent: 200, admin: 200 },
      prepare: async () => ({ url: `${API}/kb/search?q=refund` }),
    },
    {
      method: 'GET',
      route: '/kb/suggest',
      expected: { anonymous: 200, owner: 200, otherCustomer: 200, agent: 200, admin: 200 },
      prepare: async () => ({ url: `${API}/kb/suggest?q=ref` }),
    },
    {
      method: 'GET',
      route: '/kb/articles',
      expected: { anonymous: 200, owner: 200, otherCustomer: 200, agent: 200, admin: 200 },
      prepare: async () => ({ url: `${API}/kb/articles` }),
    },
    {
      method: 'GET',
      route: '/kb/articles/:slug',
      variant: 'published',
      expected: { anonymous: 200, owner: 200, otherCustomer: 200, agent: 200, admin: 200 },
      prepare: async () => ({ url: `${API}/kb/articles/${await createArticle()}` }),
    },
    {
      method: 'GET',
      route: '/kb/articles/:slug',
      variant: 'draft',
      expected: { anonymous: 404, owner: 404, otherCustomer: 404, agent: 200, admin: 200 },
      prepare: async () => ({ url: `${API}/kb/articles/${await createArticle('draft')}` }),
    },
    {
      method: 'POST',
      route: '/kb/articles',
      expected: staffOnly(201),
      prepare: async () => ({
        url: `${API}/kb/articles`,
        body: { slug: `matrix-new-${++articleCount}`, title: 'New', body: 'Text', category: 'billing' },
      }),
    },
    {
      method: 'PATCH',
      route: '/kb/articles/:slug',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/kb/articles/${await createArticle()}`, body: { title: 'Renamed' } }),
    },
    {
      method: 'DELETE',
      route: '/kb/articles/:slug',
      expected: staffOnly(204),
      prepare: async () => ({ url: `${API}/kb/articles/${await createArticle()}` }),
    },
    {
      method: 'POST',
      route: '/kb/preview',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/kb/preview`, body: { body: '# Hello' } }),
    },
    {
      method: 'POST',
      route: '/kb/feedback',
      expected: signedIn(204),
      prepare: async () => ({
        url: `${API}/kb/feedback`,
        body: { session: `matrix-session-${++articleCount}`, event: 'shown', slug: 'return-policy' },
      }),
    },
    { method: 'GET', route: '/kb/stats', expected: adminOnly(200), prepare: async () => ({ url: `${API}/kb/stats` }) },
    // Signed in, a JSON body is refused as not multipart: the role check comes first.
    {
      method: 'POST',
      route: '/uploads',
      expected: signedIn(415),
      prepare: async () => ({ url: `${API}/uploads`, body: {} }),
    },
    {
      method: 'GET',
      route: '/attachments/:id',
      expected: { anonymous: 401, owner: 200, otherCustomer: 404, agent: 404, admin: 404 },
      prepare: async () => ({ url: `${API}/attachments/${await createUpload()}` }),
    },
    { method: 'GET', route: '/webhooks', expected: adminOnly(200), prepare: async () => ({ url: `${API}/webhooks` }) },
    {
      method: 'POST',
      route: '/webhooks',
      expected: adminOnly(201),
      prepare: async () => ({
        url: `${API}/webhooks`,
        body: { url: 'http://127.0.0.1:9/new', events: ['case.resolved'] },
      }),
    },
    {
      method: 'GET',
      route: '/webhooks/:id',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/webhooks/${await createWebhook()}` }),
    },
    {
      method: 'PATCH',
      route: '/webhooks/:id',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/webhooks/${await createWebhook()}`, body: { description: 'ERP' } }),
    },
    {
      method: 'DELETE',
      route: '/webhooks/:id',
      expected: adminOnly(204),
      prepare: async () => ({ url: `${API}/webhooks/${await createWebhook()}` }),
    },
    {
      method: 'GET',
      route: '/webhooks/:id/deliveries',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/webhooks/${await createWebhook()}/deliveries` }),
    },
    {
      method: 'POST',
      route: '/webhooks/:id/test',
      expected: adminOnly(202),
      prepare: async () => ({ url: `${API}/webhooks/${await createWebhook()}/test` }),
    },
    {
      method: 'POST',
      route: '/webhooks/:id/deliveries/:deliveryId/redeliver',
      expected: adminOnly(202),
      prepare: async () => {
        const webhookId = await createWebhook();
        const sent = await server.call('POST', `${API}/webhooks/${webhookId}/test`, { token: admin.token });
        expectStatus(sent, 202, 'send a test event');
        return { url: `${API}/webhooks/${webhookId}/deliveries/${sent.body.id}/redeliver` };
      },
    },
    { method: 'GET', route: '/teams', expected: staffOnly(200), prepare: async () => ({ url: `${API}/teams` }) },
    {
      method: 'POST',
      route: '/teams',
      expected: adminOnly(201),
      prepare: async () => ({ url: `${API}/teams`, body: { name: uniqueEmail('new-team') } }),
    },
    {
      method: 'GET',
      route: '/teams/:id',
      expected: staffOnly(200),
      prepare: async () => ({ url: `${API}/teams/${otherTeam}` }),
    },
    {
      method: 'PATCH',
      route: '/teams/:id',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/teams/${await createTeam()}`, body: { description: 'Renamed' } }),
    },
    {
      method: 'DELETE',
      route: '/teams/:id',
      expected: adminOnly(204),
      prepare: async () => ({ url: `${API}/teams/${await createTeam()}` }),
    },
    {
      method: 'PUT',
      route: '/teams/:id/members',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/teams/${await createTeam()}/members`, body: { agentIds: [spareAgent.id] } }),
    },
    {
      method: 'GET',
      route: '/dashboard',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/dashboard` }),
    },
    { method: 'GET', route: '/mail', expected: adminOnly(200), prepare: async () => ({ url: `${API}/mail` }) },
    { method: 'GET', route: '/sla', expected: adminOnly(200), prepare: async () => ({ url: `${API}/sla` }) },
    {
      method: 'PUT',
      route: '/sla',
      expected: adminOnly(200),
      prepare: async () => ({
        url: `${API}/sla`,
        body: {
          calendar: { timeZone: 'Europe/Berlin', hours: [{ day: 1, start: '09:00', end: '17:00' }], holidays: [] },
          policies: [{ priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240 }],
        },
      }),
    },
    {
      method: 'POST',
      route: '/cases/:id/csat',
      // Only the case's customer rates it; another customer must not learn it exists.
      expected: { anonymous: 401, owner: 201, otherCustomer: 404, agent: 403, admin: 403 },
      prepare: async () => ({ url: `${API}/cases/${await createResolvedCase()}/csat`, body: { rating: 4 } }),
    },
    {
      method: 'GET',
      route: '/cases/:id/csat',
      expected: caseReaders(200),
      prepare: async () => ({ url: `${API}/cases/${await ratedCase()}/csat` }),
    },
    {
      method: 'GET',
      route: '/widget/settings',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/widget/settings` }),
    },
    {
      method: 'PUT',
      route: '/widget/settings',
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}/widget/settings`, body: { color: '#0b7285', greeting: 'Hello!' } }),
    },
    // A guest's conversation opens with its token only (widget.test.ts): no session of the app, of any role.
    ...[
      { method: 'GET' as const, route: '/widget/conversation', body: undefined },
      { method: 'POST' as const, route: '/widget/conversation/messages', body: { body: 'Hello?' } },
    ].map(({ method, route, body }) => ({
      method,
      route,
      expected: { anonymous: 401, owner: 401, otherCustomer: 401, agent: 401, admin: 401 },
      prepare: async () => ({ url: `${API}${route}`, body }),
    })),
    ...['/reports/summary', '/reports/summary.csv', '/reports/series'].map((route) => ({
      method: 'GET' as const,
      route,
      expected: adminOnly(200),
      prepare: async () => ({ url: `${API}${route}?${REPORT_PERIOD}` }),
    })),
  ];

  const REPORT_PERIOD = `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`;

  async function ratedCase(): Promise<number> {
    const caseId = await createResolvedCase();
    const reply = await server.call('POST', `${API}/cases/${caseId}/csat`, { token: owner.token, body: { rating: 5 } });
    expectStatus(reply, 201, 'rate case');
    return caseId;
  }

  /** An unsubscribe link's query for a customer of its own: the token is the link's only authority. */
  const unsubscribeLink = async (path: string) => {
    const customer = await server.signup('Mail reader');
    return { url: `${API}${path}?token=${unsubscribeToken(server.ctx.secretKey, customer.id)}` };
  };

  const publicRows: PublicRow[] = [
    {
      method: 'GET',
      route: '/csat',
      expected: 200,
      prepare: async () => ({
        url: `${API}/csat?token=${csatToken(server.ctx.secretKey, await createResolvedCase())}`,
      }),
    },
    {
      method: 'POST',
      route: '/csat',
      expected: 201,
      prepare: async () => ({
        url: `${API}/csat`,
        body: { token: csatToken(server.ctx.secretKey, await createResolvedCase()), rating: 3 },
      }),
    },
    { method: 'GET', route: '/auth/session', expected: 200, prepare: async () => ({ url: `${API}/auth/session` }) },
    { method: 'GET', route: '/widget/config', expected: 200, prepare: async () => ({ url: `${API}/widget/config` }) },
    {
      method: 'POST',
      route: '/widget/conversations',
      expected: 201,
      prepare: async () => ({
        url: `${API}/widget/conversations`,
        body: { name: 'Guest', email: uniqueEmail('widget-guest'), message: 'Hello from the shop' },
      }),
    },
    { method: 'GET', route: '/mail/unsubscribe', expected: 200, prepare: () => unsubscribeLink('/mail/unsubscribe') },
    { method: 'POST', route: '/mail/unsubscribe', expected: 200, prepare: () => unsubscribeLink('/mail/unsubscribe') },
    { method: 'POST', route: '/mail/resubscribe', expected: 200, prepare: () => unsubscribeLink('/mail/resubscribe') },
    {
      method: 'POST',
      route: '/auth/signup',
      expected: 201,
      prepare: async () => ({
        url: `${API}/auth/signup`,
        body: { email: uniqueEmail('public-signup'), password: PASSWORD, name: 'New customer' },
      }),
    },
    {
      method: 'POST',
      route: '/auth/login',
      expected: 200,
      prepare: async () => ({ url: `${API}/auth/login`, body: { email: owner.email, password: PASSWORD } }),
    },
    {
      method: 'POST',
      route: '/auth/password-reset',
      expected: 202,
      prepare: async () => ({ url: `${API}/auth/password-reset`, body: { email: otherCustomer.email } }),
    },
    {
      method: 'POST',
      route: '/auth/password-reset/confirm',
      expected: 204,
      prepare: async () => {
        const customer = await server.signup('Forgetful');
        expectStatus(
          await server.call('POST', `${API}/auth/password-reset`, { body: { email: customer.email } }),
          202,
          'request reset',
        );
        const outbox = await server.call('GET', `${API}/mail?limit=100`, { token: admin.token });
        const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === customer.email);
        const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
        if (!token) throw new Error('no reset link was mailed');
        return { url: `${API}/auth/password-reset/confirm`, body: { token, password: 'Brand-new-pass-1' } };
      },
    },
  ];

  // Plain `it`s rather than it.each: Vitest shortens `$name` in it.each titles, and a failure must name the cell.
  for (const row of rows) {
    const title = `${row.method} ${row.route}${row.variant ? ` (${row.variant})` : ''}`;
    for (const role of ROLES) {
      const status = row.expected[role];
      it(`${title} as ${role} → ${status}`, async () => {
        const request = await row.prepare(role);
        const token = role === 'anonymous' ? undefined : (request.token ?? person(role).token);
        const reply = await server.call(row.method, request.url, { token, body: request.body });
        expectStatus(reply, status, `${row.method} ${request.url} as ${role}`);
        if (status >= 400) expect(String(reply.headers['content-type'])).toContain('application/problem+json');
      });
    }
  }

  for (const row of publicRows) {
    it(`${row.method} ${row.route} is public → ${row.expected}`, async () => {
      const request = await row.prepare();
      const reply = await server.call(row.method, request.url, { body: request.body });
      expectStatus(reply, row.expected, `${row.method} ${request.url} as anonymous`);
    });
  }

  it('has a row for every registered /api/v1 route, and every row names a registered route', () => {
    const registered = server.routes.map((route) => `${route.method} ${route.url}`);
    for (const { method, url } of server.routes) {
      expect(server.app.hasRoute({ method: method as Method, url }), `recorded ${method} ${url} is not a route`).toBe(
        true,
      );
    }
    const api = registered.filter((entry) => entry.split(' ')[1]?.startsWith(`${API}/`));
    // The widget's CORS preflight answers before any guard (widget.test.ts checks its origins).
    const outsideMatrix = new Set([`GET ${API}/openapi.json`, `OPTIONS ${API}/widget/*`]);
    const covered = new Set([...rows, ...publicRows].map((row) => `${row.method} ${API}${row.route}`));
    expect(api.filter((entry) => !covered.has(entry) && !outsideMatrix.has(entry))).toEqual([]);
    expect([...covered].filter((entry) => !api.includes(entry))).toEqual([]);
    for (const row of [...rows, ...publicRows]) {
      expect(server.app.hasRoute({ method: row.method, url: `${API}${row.route}` }), row.route).toBe(true);
    }
  });
});
