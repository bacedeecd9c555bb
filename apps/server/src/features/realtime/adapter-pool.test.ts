import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../../testing/harness.js';
import { createAdapterPool } from './adapter-pool.js';

/** pool.end() waits for every lent connection: a slot the adapter kept shows as a timeout here. */
function endWithin(pool: pg.Pool, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still waiting'>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms);
  });
  return Promise.race([pool.end().then(() => 'ended' as const), timeout]).finally(() => clearTimeout(timer));
}

/** Like the server's pool (db/database.ts): a connection PostgreSQL ends is an event, not a crash. */
function openPool() {
  const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 2 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

describe.runIf(engines.includes('postgres'))('the Socket.IO adapter borrowing from the pool', () => {
  let pool: pg.Pool;
  afterEach(async () => {
    if (!pool.ended) await pool.end().catch(() => {});
  });

  it('gives back a connection it was still opening when the server closed', async () => {
    pool = openPool();
    const adapterPool = createAdapterPool(pool);
    let handedOver = false;
    void adapterPool.pool.connect().then(() => {
      handedOver = true;
    });
    adapterPool.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handedOver).toBe(false);
    expect(await endWithin(pool, 3000)).toBe('ended');
  });

  it('gives back a LISTEN connection that died, once, however often it is released', async () => {
    pool = openPool();
    const adapterPool = createAdapterPool(pool);
    const client = await adapterPool.pool.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const ended = new Promise((resolve) => client.once('end', resolve));
    await pool.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
    await ended;
    expect(() => client.release()).not.toThrow();
    adapterPool.close();
    expect(await endWithin(pool, 3000)).toBe('ended');
  });

  it('gives back what it lent when the server closes', async () => {
    pool = openPool();
    const adapterPool = createAdapterPool(pool);
    await adapterPool.pool.connect();
    adapterPool.close();
    expect(await endWithin(pool, 3000)).toBe('ended');
  });
});
