import pg from 'pg';

export interface Listener {
  onMessage(payload: string): void;
  /** Messages may have been missed (connection lost or not yet listening): drop what they would invalidate. */
  onGap(): void;
}

/**
 * Signals between server processes sharing one PostgreSQL database (LISTEN/NOTIFY) on one dedicated
 * connection, opened on first use and re-opened with a back-off after it drops. `isLive` is false
 * whenever a message could be missed, so callers fall back to asking the database.
 */
export class Notifications {
  readonly #listeners = new Map<string, Listener>();
  #client: pg.Client | undefined;
  #live = false;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    readonly pool: pg.Pool,
    readonly connectionString: string,
    readonly prefix: string,
  ) {}

  isLive() {
    return this.#live;
  }

  /** Delivered to every process listening on the channel, this one included. */
  async notify(channel: string, payload: string) {
    await this.pool.query('select pg_notify($1, $2)', [this.#name(channel), payload]);
  }

  listen(channel: string, listener: Listener) {
    this.#listeners.set(this.#name(channel), listener);
    if (!this.#client) void this.#connect();
    else if (this.#live) {
      const client = this.#client;
      void client.query(`listen "${this.#name(channel)}"`).catch(() => this.#lost(client));
    }
  }

  async close() {
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#live = false;
    await this.#client?.end().catch(() => {});
  }

  #name(channel: string) {
    return `${this.prefix}_${channel}`.slice(0, 63);
  }

  async #connect() {
    const client = new pg.Client({ connectionString: this.connectionString });
    this.#client = client;
    client.on('notification', (message) => this.#listeners.get(message.channel)?.onMessage(message.payload ?? ''));
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      for (const channel of this.#listeners.keys()) await client.query(`listen "${channel}"`);
      if (this.#closed) return void (await client.end());
      this.#live = true;
      for (const listener of this.#listeners.values()) listener.onGap();
    } catch {
      this.#lost(client);
    }
  }

  #lost(client: pg.Client) {
    if (client !== this.#client) return;
    this.#client = undefined;
    this.#live = false;
    for (const listener of this.#listeners.values()) listener.onGap();
    void client.end().catch(() => {});
    if (!this.#closed) this.#retry = setTimeout(() => void this.#connect(), 1000);
  }
}
