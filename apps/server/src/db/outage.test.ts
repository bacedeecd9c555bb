import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkInvariants } from '../features/assignment/invariant-checker.js';
import { type Person, type Reply, startTestServer, type TestServer } from '../testing/harness.js';

/**
 * A TCP proxy in front of PostgreSQL that can play an outage: `cut` drops every connection and stops
 * listening (new connections are refused, as when the database is down), `restore` listens again on the
 * same port. `cutOnSent` cuts at the moment a message carrying the given text is sent (a statement's
 * SQL, or one of its values: a prepared statement's SQL goes over a connection only once), so a
 * transaction dies half-way through without any timing.
 */
class FaultyProxy {
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #cutOn: string | undefined;
  port = 0;

  constructor(
    readonly targetHost: string,
    readonly targetPort: number,
  ) {}

  async restore() {
    if (this.#server) return;
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        // A reset on one side ends both; the client sees the connection die, which is what we simulate.
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        if (this.#cutOn !== undefined && chunk.toString('latin1').includes(this.#cutOn)) void this.cut();
        else upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.#server = server;
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  cutOnSent(text: string) {
    this.#cutOn = text;
  }

  async cut() {
    const server = this.#server;
    this.#server = undefined;
    this.#cutOn = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)('PostgreSQL outage and recovery', () => {
  const target = new URL(databaseUrl ?? 'postgres://127.0.0.1:5432/test');
  const proxy = new FaultyProxy(target.hostname, Number(target.port || 5432));
  let server: TestServer;
  let customer: Person;
  let agent: Person;

  beforeAll(async () => {
    await proxy.restore();
    const proxied = new URL(target);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    server = await startTestServer('postgres', {}, { databaseUrl: proxied.toString() });
    customer = await server.signup();
    agent = await server.addAgent({ capacity: 5 });
  });
  let closed = false;
  const closeServer = () => {
    closed = true;
    return server.close();
  };
  afterAll(async () => {
    await proxy.restore();
    if (server && !closed) await closeServer();
    await proxy.cut();
  });

  const body = { subject: 'Kettle leaks', description: 'Water everywhere.', reason: 'defective' };
  const create = (key: string, subject = body.subject) =>
    server.call('POST', '/api/v1/cases', {
      token: customer.token,
      body: { ...body, subject },
      headers: { 'idempotency-key': key },
    });
  const read = () => server.call('GET', '/api/v1/cases?assignee=me', { token: agent.token });
  const ready = () => server.call('GET', '/readyz');
  const unavailable = { status: 503, type: 'application/problem+json', code: 'unavailable' };
  const summary = (reply: Reply) => ({
    status: reply.status,
    type: String(reply.headers['content-type']).split(';')[0],
    code: reply.body?.code,
  });

  it('answers 503 problem+json while the database is unreachable, then serves again without a restart', async () => {
    const before = await create('before-outage');
    expect(before.status).toBe(201);

    await proxy.cut();
    expect(summary(await read())).toEqual(unavailable);
    expect(summary(await create('during-outage'))).toEqual(unavailable);
    expect(summary(await ready())).toEqual(unavailable);

    await proxy.restore();
    expect((await ready()).status).toBe(200);
    const listed = await read();
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: number }) => item.id)).toContain(before.body.id);
    // The create refused during the outage, retried with its key, makes exactly one case.
    const retried = await create('during-outage');
    expect(retried.status).toBe(201);
    expect((await create('during-outage')).body.id).toBe(retried.body.id);
    expect(retried.body.assignee?.id).toBe(agent.id);
  });

  it('answers 503 when the connection dies inside a transaction, and leaves no half-done assignment', async () => {
    // The subject is a value of the case's INSERT: the claim of the idempotency key is already sent.
    const subject = 'Kettle leaks, cut mid-transaction';
    proxy.cutOnSent(subject);
    expect(summary(await create('cut-mid-transaction', subject))).toEqual(unavailable);
    await proxy.restore();
    const retried = await create('cut-mid-transaction', subject);
    expect(retried.status).toBe(201);
    expect(retried.body.assignee?.id).toBe(agent.id);
    const report = await checkInvariants(server.ctx.database.db);
    expect(report.violations).toEqual([]);
  });

  it('still shuts down after the outage (no connection is left checked out of the pool)', async () => {
    const pool = server.ctx.database.pool;
    if (!pool) throw new Error('a PostgreSQL database has a pool');
    // Every request has been answered, so a connection still checked out is one the outage leaked: the
    // pool's end (and so the shutdown) would wait for it for ever.
    await vi.waitFor(() =>
      expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({
        checkedOut: 0,
        waiting: 0,
      }),
    );
    const closing = closeServer().then(() => 'closed');
    expect(await Promise.race([closing, delay(10_000, 'still closing', { ref: false })])).toBe('closed');
    expect({ ended: pool.ended, connections: pool.totalCount }).toEqual({ ended: true, connections: 0 });
  });
});
