import {
  type RealtimeClientEvents,
  type RealtimeServerEventName,
  type RealtimeServerEvents,
  realtimeServerEventSchemas,
} from '@caseflow/contract';
import { io, type Socket } from 'socket.io-client';
import type { Person, TestServer } from '../../testing/harness.js';

/** Socket.IO client helpers shared by the realtime test files. */

export type LiveSocket = Socket<RealtimeServerEvents, RealtimeClientEvents>;
export type Payload<Name extends RealtimeServerEventName> = Parameters<RealtimeServerEvents[Name]>[0];
type Received = { name: RealtimeServerEventName; payload: { caseId?: number } };

/**
 * Everything a socket received, in order, with a way to wait for the one a test is about. Payloads are
 * kept as sent, after checking them against their contract schema; a payload that fails it fails the wait.
 */
export class Listener {
  readonly events: Received[] = [];
  readonly #invalid: { name: string; error: Error }[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(readonly socket: LiveSocket) {
    socket.onAny((name: RealtimeServerEventName, payload: unknown) => {
      const checked = realtimeServerEventSchemas[name]?.safeParse(payload);
      if (checked?.success) this.events.push({ name, payload: payload as Received['payload'] });
      else this.#invalid.push({ name, error: checked?.error ?? new Error(`unknown event ${name}`) });
      for (const wake of this.#waiters) wake();
    });
  }

  /** How many events arrived so far: pass it as `since` to wait for a later one. */
  get count() {
    return this.events.length;
  }

  waitFor<Name extends RealtimeServerEventName>(
    name: Name,
    match: (payload: Payload<Name>) => boolean,
    { since = 0 }: { since?: number } = {},
  ): Promise<Payload<Name>> {
    const timeoutMs = 2_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no ${name} within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const check = () => {
        const invalid = this.#invalid.find((entry) => entry.name === name);
        const found = this.named(name, since).find(match);
        if (found === undefined && !invalid) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (invalid) reject(invalid.error);
        else if (found !== undefined) resolve(found);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** The payloads of every event of one name received so far (from the `since`-th event on). */
  named<Name extends RealtimeServerEventName>(name: Name, since = 0): Payload<Name>[] {
    return (
      this.events
        .slice(since)
        .filter((event) => event.name === name)
        // Checked against the schema of `name` on arrival.
        .map((event) => event.payload as Payload<Name>)
    );
  }

  about(caseId: number) {
    return this.events.filter((event) => event.payload.caseId === caseId);
  }
}

export type ConnectOptions = {
  /** A function is asked at every handshake, reconnections included. */
  token?: string | (() => Promise<string>);
  headers?: Record<string, string>;
  reconnection?: boolean;
};

function authOf(token: NonNullable<ConnectOptions['token']>) {
  if (typeof token === 'string') return { token };
  return (send: (auth: { token: string }) => void) => void token().then((value) => send({ token: value }));
}

/** A websocket-only client, not yet connected; reconnection is off unless asked for. */
export function openSocket(url: string, options: ConnectOptions = {}): LiveSocket {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    // A dropped test client comes back in a tenth of a second rather than the default second.
    reconnectionDelay: 100,
    ...(options.token === undefined ? {} : { auth: authOf(options.token) }),
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
}

/** Resolves with a listener once the socket connected; rejects with the server's connect_error. */
export function listenOn(socket: LiveSocket): Promise<Listener> {
  const listener = new Listener(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(listener));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Reports a case through the API as `customer`; returns its id. */
export async function reportCase(server: TestServer, customer: Person, subject = 'Broken zip'): Promise<number> {
  const reply = await server.call('POST', '/api/v1/cases', {
    token: customer.token,
    body: { subject, description: 'The zip on my new backpack broke on day one.' },
  });
  if (reply.status !== 201) throw new Error(`report: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the socket's disconnect reason, or fails after two seconds. */
export function disconnectOf(socket: LiveSocket) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected within 2 s')), 2_000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
