import type pg from 'pg';

type Release = (error?: Error | boolean) => void;

/**
 * The pool as the Socket.IO PostgreSQL adapter sees it. The adapter keeps one connection for LISTEN
 * and re-opens it when it dies, but never hands the dead one back; and a re-open still under way when
 * the server closes hands it a connection after its own close(). Either would keep a pool slot taken
 * and closing the pool waiting forever. So a lent connection goes back once, when it ends or at
 * `close()`, and after `close()` the adapter's connect() never completes (a failure would make it
 * retry every few seconds, for ever).
 */
export function createAdapterPool(pool: pg.Pool) {
  const lent = new Map<pg.PoolClient, Release>();
  let closed = false;

  const giveBack = (client: pg.PoolClient, error?: Error | boolean) => {
    const release = lent.get(client);
    lent.delete(client);
    release?.(error);
  };
  const never = () => new Promise<never>(() => {});

  const adapterPool = {
    connect: async () => {
      if (closed) return never();
      const client = await pool.connect();
      if (closed) {
        client.release(true);
        return never();
      }
      lent.set(client, client.release.bind(client));
      client.release = (error?: Error | boolean) => giveBack(client, error);
      client.once('end', () => giveBack(client, true));
      return client;
    },
    query: (...args: Parameters<pg.Pool['query']>) => pool.query(...args),
  } as unknown as pg.Pool;

  return {
    pool: adapterPool,
    /** Gives back every connection still lent (its LISTEN state with it: destroyed, not reused). */
    close() {
      closed = true;
      for (const client of [...lent.keys()]) giveBack(client, true);
    },
  };
}
