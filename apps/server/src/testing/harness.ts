import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, buildApp } from '../app.js';
import { createContext } from '../bootstrap.js';
import { type Config, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { type Database, type Engine, openDatabase } from '../db/database.js';
import { runStatement } from './postgres-admin.js';
import { createRouteTable, type Route } from './route-table.js';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const ADMIN = { email: 'admin@caseflow.test', password: 'Admin-pass-1234' };
export const PASSWORD = 'Correct-horse-42';

const silent = { error: () => {} };

export interface TestServer {
  app: App;
  ctx: AppContext;
  engine: Engine;
  /** Every route of the app with the schemas it was registered with, recorded by Fastify's onRoute hook. */
  routes: Route[];
  call(method: string, url: string, options?: CallOptions): Promise<Reply>;
  signup(name?: string): Promise<Person>;
  login(email: string, password?: string): Promise<Person>;
  admin(): Promise<Person>;
  addAgent(options?: { capacity?: number; name?: string }): Promise<Person>;
  /** Listens on a free local port (for clients that need a real socket, like Socket.IO); returns the base URL. */
  listen(): Promise<string>;
  /** PostgreSQL only: a second app instance (its own pool, context and bus) on the same database, like a second process. */
  startPeer(): Promise<TestServer>;
  close(): Promise<void>;
}

export type CallOptions = { token?: string | undefined; body?: unknown; headers?: Record<string, string> };
// biome-ignore lint/suspicious/noExplicitAny: tests read replies of every shape
export type Reply = { status: number; body: any; headers: Record<string, unknown> };
export type Person = { id: number; token: string; email: string };

let counter = 0;
export const uniqueEmail = (prefix: string) =>
  `${prefix}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}@caseflow.test`;

/**
 * A fresh app on a fresh database of the given engine, driven with app.inject (real HTTP semantics, no socket).
 * `databaseUrl` points the app's PostgreSQL pool elsewhere (a fault-injecting proxy, say); the schema is still
 * created and dropped through TEST_DATABASE_URL.
 */
export async function startTestServer(
  engine: Engine,
  env: Record<string, string> = {},
  options: { databaseUrl?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-test-'));
  const config = testConfig(dataDir, env);
  let dropSchema = async () => {};
  let database = openDatabase({ dataDir });
  let schema: string | undefined;
  if (engine === 'postgres') {
    schema = `test_${randomBytes(6).toString('hex')}`;
    await runStatement(postgresUrl(), `create schema ${schema}`);
    await database.close();
    database = openDatabase({ url: options.databaseUrl ?? postgresUrl(), dataDir, schema, poolSize: 10 });
    const created = schema;
    dropSchema = () => runStatement(postgresUrl(), `drop schema ${created} cascade`);
  }
  const cleanUp = async () => {
    await dropSchema();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const server = await wrapApp(engine, config, database, cleanUp).catch(async (error: unknown) => {
    await database.close();
    await cleanUp();
    throw error;
  });
  server.startPeer = async () => {
    if (engine !== 'postgres' || !schema) throw new Error('a peer needs PostgreSQL');
    return wrapApp(engine, config, openDatabase({ url: postgresUrl(), dataDir, schema, poolSize: 10 }), async () => {});
  };
  return server;
}

function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

function testConfig(dataDir: string, env: Record<string, string>) {
  return loadConfig({
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    PUBLIC_URL: 'http://caseflow.test',
    ...env,
  });
}

async function wrapApp(
  engine: Engine,
  config: Config,
  database: Database,
  cleanUp: () => Promise<void>,
): Promise<TestServer> {
  const ctx = await createContext(config, { log: silent, database });
  const routeTable = createRouteTable();
  const app = await buildApp(ctx, { onRoute: routeTable.record });
  await app.ready();

  const call: TestServer['call'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: response.statusCode, body, headers: response.headers };
  };

  const login: TestServer['login'] = async (email, password = PASSWORD) => {
    const reply = await call('POST', '/api/v1/auth/login', { body: { email, password } });
    if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { id: reply.body.user.id, token: reply.body.token, email };
  };
  let adminPerson: Person | undefined;
  const server: TestServer = {
    app,
    ctx,
    engine,
    routes: routeTable.list(app),
    call,
    login,
    async signup(name = 'Customer') {
      const email = uniqueEmail('customer');
      const reply = await call('POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, name } });
      if (reply.status !== 201) throw new Error(`signup: ${reply.status} ${JSON.stringify(reply.body)}`);
      return { id: reply.body.user.id, token: reply.body.token, email };
    },
    async admin() {
      adminPerson ??= await login(ADMIN.email, ADMIN.password);
      return adminPerson;
    },
    async addAgent(options = {}) {
      const admin = await server.admin();
      const email = uniqueEmail('agent');
      const reply = await call('POST', '/api/v1/agents', {
        token: admin.token,
        body: { email, name: options.name ?? 'Agent', password: PASSWORD, capacity: options.capacity ?? 1 },
      });
      if (reply.status !== 201) throw new Error(`add agent: ${reply.status} ${JSON.stringify(reply.body)}`);
      return login(email);
    },
    async listen() {
      return app.listen({ port: 0, host: '127.0.0.1' });
    },
    startPeer: async () => {
      throw new Error('replaced by startTestServer');
    },
    async close() {
      await app.close();
      await database.close();
      await cleanUp();
    },
  };
  return server;
}
