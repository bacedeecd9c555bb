import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, connect, type JsMsg, millis, type NatsConnection, RetentionPolicy, StorageType } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/free-port.js';
import { createEventStream, type EventStream, type StreamEvent } from './nats-stream.js';

// A NATS server with JetStream must run beside the tests (nats-server -js); the default is the local one.
const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
/**
 * CI sets TEST_NATS_URL, and then a missing server fails the tests. Without it (a newcomer's machine
 * with no NATS), they are skipped when nothing answers on the default port: NATS is optional for Caseflow.
 */
const isNatsRequired = process.env.TEST_NATS_URL !== undefined;
const isNatsReachable = await connect({ servers: natsUrl, timeout: 1000, reconnect: false })
  .then((nc) => nc.close().then(() => true))
  .catch(() => false);
const silentLog = { warn() {}, info() {} };

function uniqueNames() {
  const suffix = randomBytes(5).toString('hex');
  // Streams may not share subjects, so every test gets its own prefix as well as its own stream.
  return { streamName: `CASEFLOW_TEST_${suffix.toUpperCase()}`, subjectPrefix: `caseflowtest${suffix}` };
}

function event(id: string, name: string, data: unknown = { caseId: 1 }): StreamEvent {
  return { id, name, occurredAt: '2026-11-24T10:00:00.000Z', data };
}

async function readAll(nc: NatsConnection, streamName: string, expected: number): Promise<JsMsg[]> {
  const jsm = await nc.jetstreamManager();
  await jsm.consumers.add(streamName, { durable_name: 'reader', ack_policy: AckPolicy.Explicit });
  const consumer = await nc.jetstream().consumers.get(streamName, 'reader');
  const messages: JsMsg[] = [];
  for await (const message of await consumer.fetch({ max_messages: expected + 1, expires: 1500 })) {
    message.ack();
    messages.push(message);
  }
  return messages;
}

describe.skipIf(!isNatsReachable && !isNatsRequired)('NATS JetStream event stream', () => {
  let admin: NatsConnection;
  const streams: EventStream[] = [];
  const createdStreams: string[] = [];

  function openStream(options: Partial<Parameters<typeof createEventStream>[0]> = {}) {
    const names = uniqueNames();
    createdStreams.push(options.streamName ?? names.streamName);
    const stream = createEventStream({ url: natsUrl, log: silentLog, ...names, ...options });
    streams.push(stream);
    return { stream, ...names, ...options };
  }

  beforeAll(async () => {
    admin = await connect({ servers: new URL(natsUrl).host, timeout: 3000 }).catch((error: unknown) => {
      throw new Error(`these tests need NATS with JetStream at ${natsUrl} (TEST_NATS_URL)`, { cause: error });
    });
  });

  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
    const jsm = await admin.jetstreamManager();
    for (const name of createdStreams.splice(0)) await jsm.streams.delete(name).catch(() => false);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('delivers a batch in order on caseflow.<name> subjects with the event as JSON', async () => {
    const { stream, streamName, subjectPrefix } = openStream();
    await stream.publish([
      event('evt-1', 'case.created', { caseId: 7, subject: 'Broken kettle' }),
      event('evt-2', 'case.assigned', { caseId: 7, agentId: 3 }),
      event('evt-3', 'message.created', { caseId: 7, messageId: 11 }),
    ]);
    await stream.publish([event('evt-4', 'case.resolved', { caseId: 7 })]);

    const messages = await readAll(admin, streamName, 4);
    expect(messages.map((message) => message.subject)).toEqual([
      `${subjectPrefix}.case.created`,
      `${subjectPrefix}.case.assigned`,
      `${subjectPrefix}.message.created`,
      `${subjectPrefix}.case.resolved`,
    ]);
    expect(messages.map((message) => message.headers?.get('Nats-Msg-Id'))).toEqual([
      'evt-1',
      'evt-2',
      'evt-3',
      'evt-4',
    ]);
    expect(messages[0]!.json()).toEqual({
      id: 'evt-1',
      type: 'case.created',
      timestamp: '2026-11-24T10:00:00.000Z',
      data: { caseId: 7, subject: 'Broken kettle' },
    });

    const info = await (await admin.jetstreamManager()).streams.info(streamName);
    expect(info.config.subjects).toEqual([`${subjectPrefix}.>`]);
    expect(info.config.storage).toBe(StorageType.File);
    expect(info.config.retention).toBe(RetentionPolicy.Limits);
    expect(millis(info.config.max_age)).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('stores an event once when it is published again, also by a restarted process', async () => {
    const { stream, streamName, subjectPrefix } = openStream();
    await stream.publish([event('evt-a', 'case.created'), event('evt-b', 'case.updated')]);
    // The outbox crashed before marking the batch: the same events come again, plus a new one.
    await stream.publish([
      event('evt-a', 'case.created'),
      event('evt-b', 'case.updated'),
      event('evt-c', 'case.resolved'),
    ]);
    // A new process finds the stream already there and republishes too.
    const { stream: restarted } = openStream({ streamName, subjectPrefix });
    await restarted.publish([event('evt-c', 'case.resolved')]);

    const info = await (await admin.jetstreamManager()).streams.info(streamName);
    expect(info.state.messages).toBe(3);
    const messages = await readAll(admin, streamName, 3);
    expect(messages.map((message) => message.headers?.get('Nats-Msg-Id'))).toEqual(['evt-a', 'evt-b', 'evt-c']);
  });

  it('rejects quickly when NATS is unreachable, and close is safe afterwards', async () => {
    const { stream } = openStream({ url: 'nats://127.0.0.1:1' });
    const started = Date.now();
    await expect(stream.publish([event('evt-1', 'case.created')])).rejects.toThrow(/cannot connect to NATS/);
    expect(Date.now() - started).toBeLessThan(2000);
    await stream.close();
  });

  it('rejects within its timeout when a server accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const { stream } = openStream({ url: `nats://127.0.0.1:${port}`, timeoutMs: 1000 });
      const started = Date.now();
      await expect(stream.publish([event('evt-1', 'case.created')])).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses an event name that is not a valid subject before publishing any of the batch', async () => {
    const { stream, streamName } = openStream();
    await stream.publish([event('evt-0', 'case.created')]);
    await expect(stream.publish([event('evt-1', 'case.updated'), event('evt-2', 'case.>')])).rejects.toThrow(
      /cannot be a NATS subject/,
    );
    const info = await (await admin.jetstreamManager()).streams.info(streamName);
    expect(info.state.messages).toBe(1);
  });

  it('can be closed without ever connecting, and refuses to publish after close', async () => {
    const { stream } = openStream();
    await stream.close();
    await stream.close();
    await expect(stream.publish([event('evt-1', 'case.created')])).rejects.toThrow(/closed/);
  });
});

const hasNatsServer = !spawnSync('nats-server', ['--version']).error;

// Needs its own server to stop and start; the shared one is left alone.
describe.skipIf(!hasNatsServer)('NATS JetStream event stream across a server outage', () => {
  const directories: string[] = [];
  let server: ChildProcess | undefined;

  function startServer(port: number): ChildProcess {
    const storeDir = mkdtempSync(join(tmpdir(), 'caseflow-nats-'));
    directories.push(storeDir);
    return spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  }

  async function stopServer(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async function eventually<T>(attempt: () => Promise<T>, withinMs: number): Promise<T> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  afterAll(async () => {
    if (server) await stopServer(server);
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('fails while the server is down and publishes again once it is back, without a restart', async () => {
    const port = await freePort();
    const url = `nats://127.0.0.1:${port}`;
    server = startServer(port);
    const stream = createEventStream({ url, log: silentLog, timeoutMs: 1000 });
    try {
      await eventually(() => stream.publish([event('evt-1', 'case.created')]), 10_000);

      await stopServer(server);
      const started = Date.now();
      await expect(stream.publish([event('evt-2', 'case.updated')])).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);

      // A fresh store: the stream has to be created again as well.
      server = startServer(port);
      await eventually(() => stream.publish([event('evt-2', 'case.updated')]), 15_000);

      const reader = await connect({ servers: `127.0.0.1:${port}` });
      try {
        const messages = await readAll(reader, 'CASEFLOW', 1);
        expect(messages.map((message) => [message.subject, message.headers?.get('Nats-Msg-Id')])).toEqual([
          ['caseflow.case.updated', 'evt-2'],
        ]);
      } finally {
        await reader.close();
      }

      // Shutting down while the server is gone must not wait for it.
      await stopServer(server);
      const closing = Date.now();
      await stream.close();
      expect(Date.now() - closing).toBeLessThan(3000);
    } finally {
      await stream.close();
    }
  });
});
