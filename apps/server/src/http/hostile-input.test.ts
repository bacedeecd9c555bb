import { problemSchema } from '@caseflow/contract';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../features/assignment/invariant-checker.js';
import {
  describeRequest,
  type FuzzRequest,
  type KnownValues,
  requestArbitrary,
  toJsonSchema,
  validSamples,
} from '../testing/arbitraries.js';
import {
  ADMIN,
  engines,
  PASSWORD,
  type Person,
  startTestServer,
  type TestServer,
  uniqueEmail,
} from '../testing/harness.js';
import type { Route } from '../testing/route-table.js';

/**
 * Issue 6: every route registered in the app gets thousands of generated requests derived from its zod
 * schemas (valid values, the same with one field broken, wrong types, huge strings, unicode, prototype
 * keys, deep nesting, bad ids and cursors), sent as a role the route lets in. No reply may be a 5xx or
 * leak a stack trace, SQL or a file path; errors are problem+json naming the failing fields; successes
 * match the documented response schema. Afterwards the assignment invariants and the prototypes are intact.
 */

const HELP_PAGES = /^\/help(?:\/|$)/;

/** Spread over the routes; a few thousand keep the file near a minute per engine on a slow machine. */
const REQUESTS_PER_ENGINE = 3_500;
/** A route with schemas (the API) gets this many times the share of one without (static files, docs, probes). */
const SCHEMA_ROUTE_WEIGHT = 20;
const ROLES = ['anonymous', 'customer', 'agent', 'admin'] as const;
type Role = (typeof ROLES)[number];
const MAX_ID = 2_147_483_647;

const LEAKS = [
  { what: 'a stack trace', pattern: /\n\s+at |\bat (?:[\w$.<>]+ \()?(?:file:|node:|\/)|\.[cm]?[jt]sx?:\d+/ },
  {
    what: 'SQL',
    pattern:
      /\bselect\s|\binsert\s+into\b|\bdelete\s+from\b|SQLITE_|syntax error|\bviolates\b|\brelation "|duplicate key/i,
  },
  { what: 'an internal path', pattern: /\/work\/|node_modules|\/tmp\/|file:\/\// },
];

/**
 * Whether the request's path, once its dot segments ('..', '%2e%2e') are resolved as the URL parser does
 * before routing, is still one of `route`'s: '/cases/../csat' is POST /csat's request, held to its rules.
 */
function reachesRoute(route: Route, url: string): boolean {
  let path: string;
  try {
    path = new URL(url, 'http://fuzz.test').pathname;
  } catch {
    return true;
  }
  const escaped = route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/:\w+/g, '[^/]+').replace('*', '.*')}$`).test(path);
}
const ROUTER_ERRORS = /"code":"FST_ERR_(?:BAD_URL|MAX_PARAM_LENGTH)"/;
const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasSchemas = (route: Route) =>
  Object.keys(route.schemas).length > 1 || Object.keys(route.schemas.response).length > 0;
const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((prototype) =>
    Object.getOwnPropertyNames(prototype).sort(),
  );

describe.each(engines)('hostile input on %s', (engine) => {
  let server: TestServer;
  let routes: Route[];
  const people = {} as Record<Exclude<Role, 'anonymous'>, Person>;
  let caseId = 0;
  let messageId = 0;
  /** A disabled endpoint (nothing is ever sent to it), for the webhook routes' ids. */
  let webhookId = 0;
  /** Ids and cursors met in replies, so generated requests also reach rows the fuzzing itself created. */
  const harvested = { ids: [] as number[], strings: [] as string[] };
  const known: KnownValues = { ids: [], strings: [] };
  const rolesByRoute = new Map<Route, Role[]>();
  const statuses = new Map<number, number>();
  let requestCount = 0;
  /** Set by a successful write, which may have used up a fixture (a session, an account, the case). */
  let hasWritten = false;

  beforeAll(async () => {
    server = await startTestServer(engine);
    people.admin = await server.admin();
    people.agent = await server.addAgent({ capacity: 50, name: 'Fuzz agent' });
    people.customer = await server.signup('Fuzz customer');
    await ensureFixtures();
    routes = server.routes;
  });
  afterAll(async () => {
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    console.log(
      `[${engine}] hostile input: ${requestCount} requests over ${routes.length} routes (${byStatus.join(' ')})`,
    );
    await server.close();
  });

  const tokenOf = (role: string) => (role === 'anonymous' ? undefined : people[role as keyof typeof people]?.token);
  const isAlive = async (person: Person) =>
    (await server.call('GET', '/api/v1/auth/me', { token: person.token })).status === 200;

  /** server.addAgent() would use the first admin session, which the fuzzing may have logged out. */
  async function addAgent(): Promise<Person> {
    const email = uniqueEmail('fuzz-agent');
    const body = { email, name: 'Fuzz agent', password: PASSWORD, capacity: 50 };
    const added = await server.call('POST', '/api/v1/agents', { token: people.admin.token, body });
    if (added.status !== 201) throw new Error(`add agent: ${added.status} ${JSON.stringify(added.body)}`);
    return server.login(email);
  }

  /** Puts back what a successful hostile request may have used up: sessions, accounts, the case and its message. */
  async function ensureFixtures() {
    hasWritten = false;
    if (!(await isAlive(people.admin))) people.admin = await server.login(ADMIN.email, ADMIN.password);
    if (!(await isAlive(people.agent))) {
      people.agent = await server.login(people.agent.email).catch(addAgent);
    }
    if (!(await isAlive(people.customer))) {
      people.customer = await server.login(people.customer.email).catch(() => server.signup('Fuzz customer'));
    }
    const token = people.customer.token;
    if ((await server.call('GET', `/api/v1/cases/${caseId}`, { token })).status !== 200) {
      const created = await server.call('POST', '/api/v1/cases', {
        token,
        body: { subject: 'Broken kettle', description: 'It leaks.', reason: 'defective' },
      });
      caseId = created.body.id;
    }
    const messages = await server.call('GET', `/api/v1/cases/${caseId}/messages?limit=100`, { token });
    if (!messages.body.items.some((message: { id: number }) => message.id === messageId)) {
      const posted = await server.call('POST', `/api/v1/cases/${caseId}/messages`, { token, body: { body: 'Hi' } });
      messageId = posted.body.id;
    }
    const db = server.ctx.database.db;
    if (!(await db.selectFrom('webhooks').select('id').where('id', '=', webhookId).executeTakeFirst())) {
      const now = Date.now();
      const row = await db
        .insertInto('webhooks')
        .values({
          url: 'https://hooks.example.test/fuzz',
          description: 'fuzz',
          events: '["case.created"]',
          secret_sealed: 'v1.unused',
          enabled: 0,
          disabled_reason: 'admin',
          failing_since: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      webhookId = row.id;
    }
    const ids = [
      caseId,
      messageId,
      webhookId,
      ...Object.values(people).map((person) => person.id),
      ...harvested.ids.slice(-30),
    ];
    const strings = [PASSWORD, ADMIN.password, ...Object.values(people).map((person) => person.email)];
    known.ids.splice(0, known.ids.length, ...ids);
    known.strings.splice(0, known.strings.length, ...strings, ...harvested.strings.slice(-20));
  }

  function harvest(value: unknown) {
    if (!isRecord(value)) return;
    if (typeof value.id === 'number') harvested.ids.push(value.id);
    if (typeof value.nextCursor === 'string') harvested.strings.push(value.nextCursor);
    if (Array.isArray(value.items)) for (const item of value.items.slice(0, 3)) harvest(item);
  }

  async function send(route: Route, request: FuzzRequest): Promise<LightMyRequestResponse> {
    const token = tokenOf(request.role);
    const response = await server.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    requestCount++;
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    if (response.statusCode < 300 && request.method !== 'GET') hasWritten = true;
    checkReply(route, request, response);
    return response;
  }

  function checkReply(route: Route, request: FuzzRequest, response: LightMyRequestResponse) {
    const { statusCode: status, body: text } = response;
    const what = `${describeRequest(request)} → ${status} ${clip(text)}`;
    expect(status, what).toBeLessThan(500);
    const isDocumentedData = status < 300 && Object.keys(route.schemas.response).length > 0;
    // Other successes are documents and assets (API docs, metrics) whose text is free to mention anything.
    if (status >= 300 || isDocumentedData) {
      for (const leak of LEAKS) expect(text, `${what} leaks ${leak.what}`).not.toMatch(leak.pattern);
    }
    // The router refuses these before any route; 'answers a URL the router cannot route…' holds them to problem+json.
    if (status >= 400 && ROUTER_ERRORS.test(text)) return;
    // A dot segment took the request to another route (or none): only the rules of every answer apply.
    if (!reachesRoute(route, request.url)) return;
    // The help center's pages answer a browser: a missing article is a 404 page, still never a 5xx.
    if (status === 404 && HELP_PAGES.test(route.url)) {
      expect(String(response.headers['content-type']), what).toContain('text/html');
      return;
    }
    if (status >= 400) {
      expect(String(response.headers['content-type']), what).toContain('application/problem+json');
      const problem = problemSchema.parse(JSON.parse(text));
      expect(problem.status, what).toBe(status);
      if (problem.code === 'validation_failed') checkFieldErrors(route, request, problem.detail, problem.errors, what);
    } else if (isDocumentedData) {
      const schema = route.schemas.response[String(status)];
      expect(schema, `${what}: ${status} is not a documented response`).toBeDefined();
      // A text answer (the reports CSV) is its schema's string; everything else is JSON.
      const isText = String(response.headers['content-type'] ?? '').startsWith('text/');
      const parsed = schema?.safeParse(isText ? text : text === '' ? null : JSON.parse(text));
      expect(parsed?.error?.issues, `${what} does not match its response schema`).toBeUndefined();
      harvest(parsed?.data);
    }
  }

  /** A body that fails its schema is refused naming exactly the fields the schema names. */
  function checkFieldErrors(
    route: Route,
    request: FuzzRequest,
    detail: string,
    errors: { path: string }[] | undefined,
    what: string,
  ) {
    expect(errors?.length, `${what}: a validation problem lists its fields`).toBeGreaterThan(0);
    if (!detail.startsWith('body is invalid') || !route.schemas.body || request.payload === undefined) return;
    // The server's JSON parser skips a byte order mark; JSON.parse does not.
    const local = route.schemas.body.safeParse(JSON.parse(request.payload.replace(/^\uFEFF/, '')));
    const expected = (local.error?.issues ?? []).map((issue) => issue.path.map(String).join('.') || 'body');
    expect(errors?.map((error) => error.path).sort(), what).toEqual(expected.sort());
  }

  /** The roles whose request passes authorization: a valid request as each role must not get 401 or 403. */
  async function acceptedRoles(route: Route): Promise<Role[]> {
    const cached = rolesByRoute.get(route);
    if (cached) return cached;
    // Static files, API docs and probes validate nothing and guard nothing: any caller will do.
    if (!hasSchemas(route)) return [...ROLES];
    const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
    // An id no row has: a destructive route proves the role passes without destroying a fixture.
    let params: unknown = Object.fromEntries(paramNames.map((name) => [name, MAX_ID]));
    if (route.schemas.params && !route.schemas.params.safeParse(params).success) {
      params = validSamples(route.schemas.params, known, 1)[0] ?? params;
    }
    const [query] = validSamples(route.schemas.querystring, known, 1);
    // Several bodies: one may be refused for what it asks (a customer's internal note), not for who asks.
    const bodies = validSamples(route.schemas.body, known, 3);
    const path = route.url
      .replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(String(isRecord(params) ? params[name] : '')))
      .replace('*', 'index.html');
    const search = isRecord(query)
      ? new URLSearchParams(
          Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
        ).toString()
      : '';
    const accepted: Role[] = [];
    for (const role of ROLES) {
      for (const body of bodies) {
        const request: FuzzRequest = {
          method: route.method,
          url: search ? `${path}?${search}` : path,
          role,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        };
        const { statusCode } = await send(route, request);
        if (statusCode !== 401 && statusCode !== 403) {
          accepted.push(role);
          break;
        }
      }
    }
    if (hasWritten) await ensureFixtures();
    // No role passes (sign-in with made-up credentials is a 401 for everyone): fuzz as every role.
    const roles = accepted.length > 0 ? accepted : [...ROLES];
    rolesByRoute.set(route, roles);
    return roles;
  }

  it('answers every route with no 5xx, no leak, problem+json errors and documented successes', async () => {
    const before = prototypeKeys();
    expect(
      routes.find((route) => route.url === '/api/v1/cases' && route.method === 'POST')?.schemas.body,
    ).toBeDefined();
    const weightOf = (route: Route) => (hasSchemas(route) ? SCHEMA_ROUTE_WEIGHT : 1);
    const totalWeight = routes.reduce((sum, route) => sum + weightOf(route), 0);
    const failures: string[] = [];
    for (const route of routes) {
      const numRuns = Math.ceil((REQUESTS_PER_ENGINE * weightOf(route)) / totalWeight);
      const roles = await acceptedRoles(route);
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(route, roles, known), async (request) => {
            await send(route, request);
          }),
          { numRuns },
        );
      } catch (error) {
        // fast-check's message names the counterexample and seed; the cause says what was wrong with the reply.
        const cause = (error as Error).cause;
        failures.push(
          `${route.method} ${route.url}: ${(error as Error).message}\n${cause instanceof Error ? cause.message : ''}`,
        );
      }
      if (hasWritten) await ensureFixtures();
    }
    expect(failures).toEqual([]);

    const report = await checkInvariants(server.ctx.database.db);
    expect(report.violations).toEqual([]);
    expect(report.stats.cases, 'the fuzzing reached the handlers').toBeGreaterThan(1);
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);

  it('refuses a body over the limit with 413 on every route that reads a body', async () => {
    const limit = server.app.initialConfig.bodyLimit ?? 1024 * 1024;
    const payload = JSON.stringify({ pad: 'x'.repeat(limit) });
    for (const route of routes.filter((route) => !['GET', 'HEAD'].includes(route.method))) {
      const role = (await acceptedRoles(route))[0] ?? 'admin';
      const url = route.url.replace(/:\w+/g, '1').replace('*', 'x');
      const headers = { 'content-type': 'application/json' };
      const response = await send(route, { method: route.method, url, role, headers, payload });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(413);
    }
  });

  it('answers a URL the router cannot route (bad percent-encoding, over-long id) with problem+json', async () => {
    const withParams = routes.filter((route) => route.url.includes('/:'));
    expect(withParams.length).toBeGreaterThan(0);
    for (const route of withParams) {
      for (const segment of ['%E0%A4%A', '%', 'x'.repeat(1_000)]) {
        const url = route.url.replace(/:\w+/g, segment);
        const response = await server.app.inject({ method: route.method as 'GET', url });
        expect(response.statusCode, `${route.method} ${clip(url)}`).toBe(400);
        expect(String(response.headers['content-type']), `${route.method} ${clip(url)}: ${response.body}`).toContain(
          'application/problem+json',
        );
      }
    }
  });

  it('keeps list sizes within the documented limit', async () => {
    const paged = routes.flatMap((route) => {
      const query = route.schemas.querystring && toJsonSchema(route.schemas.querystring);
      const max = query?.properties?.limit?.maximum;
      return max === undefined ? [] : [{ route, max }];
    });
    expect(paged.length).toBeGreaterThan(0);
    for (const { route, max } of paged) {
      const role = (await acceptedRoles(route))[0] ?? 'admin';
      const path = route.url.replace(/:\w+/g, String(route.url.includes('/webhooks/') ? webhookId : caseId));
      const at = (limit: number | string) =>
        send(route, { method: 'GET', url: `${path}?limit=${limit}`, role, headers: {} });
      for (const tooMany of [max + 1, 1e6, '9999999999999999999']) {
        const refused = await at(tooMany);
        expect(refused.statusCode, `${path}?limit=${tooMany}`).toBe(422);
        expect(refused.json().errors.map((error: { path: string }) => error.path)).toContain('limit');
      }
      for (const limit of [1, max]) {
        const page = await at(limit);
        expect(page.statusCode, `${path}?limit=${limit}`).toBe(200);
        expect(page.json().items.length).toBeLessThanOrEqual(limit);
      }
    }
  });
});
