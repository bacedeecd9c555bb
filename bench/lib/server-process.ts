import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, spawnServer } from '../../apps/server/src/testing/server-process.js';

export { freePort } from '../../apps/server/src/testing/free-port.js';
export {
  asServerProcess,
  killServer,
  type ServerProcess,
  waitUntilReady,
} from '../../apps/server/src/testing/server-process.js';

export const ADMIN = { email: 'admin@bench.test', password: 'Bench-admin-pass-1' };

/** Starts the real server as `npm start` does, with its own data directory (a fresh one unless given). */
export function startServer(options: {
  port?: number;
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** More settings for the server (e.g. WEBHOOK_ALLOW_PRIVATE for a receiver on loopback). */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  return spawnServer({
    entry: 'start',
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'caseflow-bench-')),
    port: options.port,
    databaseUrl: options.databaseUrl,
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '100000',
      ...options.env,
    },
  });
}

export async function api<T>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Runs `count` tasks with at most `parallel` in flight. */
export async function inParallel<T>(
  count: number,
  parallel: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}
