import { randomUUID } from 'node:crypto';
import type { Notifications } from '../../db/notifications.js';

/** What reaches sockets: an event for some rooms (minus others), or the closing of some rooms' sockets. */
export type Emission =
  | { rooms: string[]; except?: string[]; event: string; payload: unknown }
  | { rooms: string[]; disconnect: true };

/** The part of a Socket.IO server this needs: this process's own sockets, by room. */
export interface LocalRooms {
  /** The rooms that have a socket of this process; Socket.IO drops a room when its last socket leaves. */
  sockets: { adapter: { rooms: ReadonlyMap<string, unknown> } };
  local: {
    to(rooms: string[]): {
      except(rooms: string[]): { emit(event: string, payload: unknown): boolean };
    };
    in(rooms: string[]): { disconnectSockets(close: boolean): void };
  };
}

/** PostgreSQL caps a NOTIFY payload at 8,000 bytes; room for the envelope is left. */
const MAX_PAYLOAD_BYTES = 7_500;

/**
 * Applies an emission to this process's sockets at once and, with several processes (PostgreSQL),
 * relays it to the others over LISTEN/NOTIFY. Everything emitted in one turn of the event loop goes
 * out together, a few NOTIFYs per busy turn instead of one per event: each NOTIFY is a committed
 * transaction of its own, flushed to the WAL. Each process ignores what it sent itself.
 * Limit, as with any pub/sub: an emission relayed while a process's LISTEN connection is down does
 * not reach that process's sockets; clients refetch what they show when they reconnect.
 */
export function createFanOut(
  io: LocalRooms,
  notifications: Notifications | undefined,
  onError: (error: unknown) => void,
) {
  const origin = randomUUID();
  let pending: Emission[] = [];

  // Most rooms are empty here (a customer who is not online, staff rooms with nobody signed in to
  // this process), and Socket.IO would encode the packet before finding no socket to send it to.
  const hasLocalSocket = (rooms: string[]) => rooms.some((room) => io.sockets.adapter.rooms.has(room));

  function apply(emission: Emission) {
    if (!hasLocalSocket(emission.rooms)) return;
    if ('disconnect' in emission) io.local.in(emission.rooms).disconnectSockets(true);
    else
      io.local
        .to(emission.rooms)
        .except(emission.except ?? [])
        .emit(emission.event, emission.payload);
  }

  function flush(relay: Notifications) {
    const batch = pending;
    pending = [];
    for (const payload of envelopes(origin, batch)) relay.notify('fan_out', payload).catch(onError);
  }

  notifications?.listen('fan_out', {
    onMessage(payload) {
      try {
        const message = JSON.parse(payload) as { origin: string; emissions: Emission[] };
        if (message.origin !== origin) for (const emission of message.emissions) apply(emission);
      } catch (error) {
        onError(error);
      }
    },
    // Missed emissions cannot be replayed; the clients' refetch on reconnect covers what they show.
    onGap() {},
  });

  return {
    /** Whether an emission to these rooms would reach anyone: a socket here, or other processes. */
    reaches(rooms: string[]) {
      return notifications !== undefined || hasLocalSocket(rooms);
    },
    emit(emission: Emission) {
      apply(emission);
      if (!notifications) return;
      if (pending.length === 0) setImmediate(flush, notifications);
      pending.push(emission);
    },
  };
}

/** Splits a batch into NOTIFY payloads under the size cap (an emission too big on its own stays local: ours are all far smaller). */
function* envelopes(origin: string, batch: Emission[]) {
  let emissions: string[] = [];
  let size = 0;
  const envelope = () => `{"origin":"${origin}","emissions":[${emissions.join(',')}]}`;
  for (const emission of batch) {
    const json = JSON.stringify(emission);
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_PAYLOAD_BYTES) continue;
    if (size + bytes + 1 > MAX_PAYLOAD_BYTES && emissions.length > 0) {
      yield envelope();
      emissions = [];
      size = 0;
    }
    emissions.push(json);
    size += bytes + 1;
  }
  if (emissions.length > 0) yield envelope();
}
