import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port.js';

const root = new URL('../../../../', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs the real server as its own process: `start` as `npm start` does (bundle, plain Node), or
 * `sources` through tsx (no web build, for tests). Resolves once /readyz answers.
 */
export async function spawnServer(options: {
  entry: 'start' | 'sources';
  dataDir: string;
  port?: number | undefined;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
  nodeArgs?: string[];
  stdio?: StdioOptions;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const entry = options.entry === 'start' ? ['scripts/start.mjs'] : ['--import', 'tsx', 'apps/server/src/server.ts'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      ...options.env,
    },
    stdio: options.stdio ?? ['ignore', 'inherit', 'inherit'],
  });
  return asServerProcess(child, `http://127.0.0.1:${port}`);
}

/** Waits for a spawned server to answer /readyz (killing it if it never does); `stop` ends it with SIGTERM. */
export async function asServerProcess(child: ChildProcess, url: string): Promise<ServerProcess> {
  await waitUntilReady(child, `${url}/readyz`).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Polls a readiness URL until it answers 2xx (up to 60 s: a busy machine starts slowly); fails at once if the process exits. */
export async function waitUntilReady(child: ChildProcess, readyUrl: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${readyUrl} did not become ready`);
}

/** SIGKILL: no shutdown hook runs, no transaction finishes, as in a power cut of the process. */
export async function killServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGKILL');
  await exited;
}
