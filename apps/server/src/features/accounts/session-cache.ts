import type { Caller } from '../../context.js';
import type { Notifications } from '../../db/notifications.js';
import type { EventBus } from '../realtime/event-bus.js';

type Revocation = { sessionId?: number | undefined; userId?: number | undefined };
type Entry = { caller: Caller; expiresAt: number };

const MAX_ENTRIES = 10_000;

/**
 * Live sessions by token hash, so a request need not ask the database who is calling. Revocation
 * still takes effect at once: every revocation is published on the bus (`session.revoked`), which
 * drops the entries here before the revoking request answers. With several processes (PostgreSQL)
 * the revocation is relayed to the others over LISTEN/NOTIFY; while that channel is down the cache
 * is bypassed, and it starts empty again once it is back.
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  readonly #relay: Notifications | undefined;
  #generation = 0;

  constructor(bus: EventBus, relay: Notifications | undefined) {
    this.#relay = relay;
    bus.subscribe((event) => {
      if (event.name !== 'session.revoked') return;
      const revocation: Revocation = { sessionId: event.sessionId, userId: event.userId };
      this.#drop(revocation);
      relay?.notify('session_revoked', JSON.stringify(revocation)).catch(() => {});
    });
    relay?.listen('session_revoked', {
      onMessage: (payload) => this.#drop(JSON.parse(payload) as Revocation),
      onGap: () => {
        this.#generation++;
        this.#entries.clear();
      },
    });
  }

  /** The caller behind a token hash: from memory, or from `load` (the database), remembered when live. */
  async resolve(tokenHash: string, now: number, load: () => Promise<Entry | undefined>): Promise<Caller | null> {
    const usable = !this.#relay || this.#relay.isLive();
    const entry = usable ? this.#entries.get(tokenHash) : undefined;
    if (entry && entry.expiresAt > now) return entry.caller;
    // A revocation that lands while the database is read must win: remember only if none did.
    const generation = this.#generation;
    const loaded = await load();
    if (!loaded) return null;
    if (usable && generation === this.#generation) {
      // Oldest out first: a Map iterates in insertion order.
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value ?? '');
      this.#entries.set(tokenHash, loaded);
    }
    return loaded.caller;
  }

  #drop(revocation: Revocation) {
    this.#generation++;
    for (const [tokenHash, { caller }] of this.#entries) {
      if (caller.sessionId === revocation.sessionId || caller.userId === revocation.userId) {
        this.#entries.delete(tokenHash);
      }
    }
  }
}
