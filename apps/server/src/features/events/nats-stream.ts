import {
  type ConnectionOptions,
  connect,
  DiscardPolicy,
  Events,
  type JetStreamManager,
  type NatsConnection,
  NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamInfo,
} from 'nats';

export interface StreamEvent {
  id: string;
  name: string;
  occurredAt: string;
  data: unknown;
}

export interface EventStreamLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface EventStreamOptions {
  /** `nats://host:port` or `tls://host:port`; `user:password@` or `token@` before the host are honoured. */
  url: string;
  streamName?: string;
  subjectPrefix?: string;
  /** Bounds the handshake, each JetStream request and each acknowledgement. */
  timeoutMs?: number;
  log: EventStreamLog;
}

export interface EventStream {
  publish(events: readonly StreamEvent[]): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  nc: NatsConnection;
  isConnected: boolean;
  isStreamReady: boolean;
}

const maxAgeMs = 7 * 24 * 60 * 60 * 1000;
// A subject token or stream name: no wildcards, dots or spaces.
const plainToken = /^[A-Za-z0-9_-]+$/;
const streamNotFound = 10059;

/**
 * Publishes outbox events to JetStream (SPEC §11). `publish` resolves only once the server has stored
 * every event of the batch, in order; otherwise it rejects and the caller keeps the events to retry.
 * A retry is harmless: the event id is the JetStream message id, so the server drops a republish that
 * arrives within the stream's duplicate window (server default, 2 minutes); consumers dedupe by the
 * same id for anything older.
 */
export function createEventStream(options: EventStreamOptions): EventStream {
  const { log } = options;
  const streamName = options.streamName ?? 'CASEFLOW';
  const prefix = options.subjectPrefix ?? 'caseflow';
  const timeout = options.timeoutMs ?? 5000;
  if (!plainToken.test(streamName)) throw new Error(`invalid JetStream stream name: ${streamName}`);
  if (!isValidSubject(prefix)) throw new Error(`invalid NATS subject prefix: ${prefix}`);
  const connectOptions = connectionOptions(options.url);

  // One session per connection, so a late status event from an old connection cannot touch a new one.
  let session: Promise<Session> | undefined;
  let isClosed = false;

  async function openSession(): Promise<Session> {
    const nc = await connect({
      ...connectOptions,
      name: 'caseflow',
      timeout,
      // Keep trying in the background however long the outage; publishes meanwhile fail fast.
      maxReconnectAttempts: -1,
    }).catch((error: unknown) => {
      throw new Error(`cannot connect to NATS at ${connectOptions.servers}`, { cause: error });
    });
    const opened: Session = { nc, isConnected: true, isStreamReady: false };
    log.info({ server: nc.getServer(), stream: streamName }, 'connected to NATS');
    watchStatus(opened).catch((error: unknown) => log.warn({ err: error }, 'NATS status watch ended'));
    return opened;
  }

  async function watchStatus(watched: Session): Promise<void> {
    try {
      for await (const status of watched.nc.status()) {
        if (status.type === Events.Disconnect) {
          watched.isConnected = false;
          log.warn({ server: status.data }, 'NATS connection lost; reconnecting, events wait in the outbox');
        } else if (status.type === Events.Reconnect) {
          watched.isConnected = true;
          // The server may have come back with an empty store.
          watched.isStreamReady = false;
          log.info({ server: status.data }, 'NATS connection restored');
        }
      }
    } finally {
      watched.isConnected = false;
    }
  }

  function getSession(): Promise<Session> {
    if (session) return session;
    const opening = openSession();
    session = opening;
    const forget = () => {
      if (session === opening) session = undefined;
    };
    // A connection that failed or closed for good is replaced by the next publish.
    opening.then((opened) => opened.nc.closed().then(forget), forget).catch(forget);
    return opening;
  }

  async function ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager({ timeout });
    const subject = `${prefix}.>`;
    const existing = await findStream(jsm, streamName);
    if (existing) {
      if (!existing.config.subjects?.includes(subject)) {
        // Publishing still checks that the stream stores what we send (expect.streamName).
        log.warn(
          { stream: streamName, subjects: existing.config.subjects, expected: subject },
          'stream subjects differ',
        );
      }
      return;
    }
    try {
      await jsm.streams.add({
        name: streamName,
        description: 'Caseflow domain events (SPEC §11)',
        subjects: [subject],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: nanos(maxAgeMs),
        // duplicate_window: the server default (2 minutes) covers an outbox retry after a crash.
      });
      log.info({ stream: streamName, subject }, 'created JetStream stream');
    } catch (error) {
      // Another process may have created it a moment ago.
      if (await findStream(jsm, streamName)) return;
      throw error;
    }
  }

  return {
    async publish(events) {
      if (isClosed) throw new Error('the event stream is closed');
      if (events.length === 0) return;
      // Check every name first so a bad one does not leave half a batch published.
      const subjects = events.map((event) => subjectFor(prefix, event.name));
      const current = await getSession();
      if (!current.isConnected) throw new Error('NATS is unreachable (reconnecting); events stay in the outbox');
      if (!current.isStreamReady) {
        await ensureStream(current.nc);
        current.isStreamReady = true;
      }
      const js = current.nc.jetstream({ timeout });
      for (const [index, event] of events.entries()) {
        const subject = subjects[index]!;
        const body = JSON.stringify({ id: event.id, type: event.name, timestamp: event.occurredAt, data: event.data });
        try {
          await js.publish(subject, body, { msgID: event.id, timeout, expect: { streamName } });
        } catch (error) {
          current.isStreamReady = false;
          throw new Error(`NATS did not acknowledge event ${event.id} on ${subject}`, { cause: error });
        }
      }
    },

    async close() {
      isClosed = true;
      const pending = session;
      session = undefined;
      if (!pending) return;
      const nc = (await pending.catch(() => undefined))?.nc;
      if (!nc || nc.isClosed()) return;
      // A drain waits for the server; while it is unreachable that could be forever.
      await withTimeout(nc.drain(), timeout).catch(() => undefined);
      if (!nc.isClosed()) await nc.close();
    },
  };
}

function subjectFor(prefix: string, name: string): string {
  if (!isValidSubject(name)) throw new Error(`event name cannot be a NATS subject: ${JSON.stringify(name)}`);
  return `${prefix}.${name}`;
}

function isValidSubject(subject: string): boolean {
  return subject.split('.').every((token) => plainToken.test(token));
}

function connectionOptions(url: string): Partial<ConnectionOptions> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'nats:' && parsed.protocol !== 'tls:') throw new Error('NATS URL must be nats:// or tls://');
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  return {
    servers: parsed.host,
    ...(username && password ? { user: username, pass: password } : username ? { token: username } : {}),
    ...(parsed.protocol === 'tls:' ? { tls: {} } : {}),
  };
}

async function findStream(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof NatsError && error.api_error?.err_code === streamNotFound) return undefined;
    throw error;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
