import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { disconnectOf, listenOn, openSocket } from './features/realtime/socket-client.testing.js';
import { PASSWORD, uniqueEmail } from './testing/harness.js';

/**
 * The real entry point in its own process (SQLite): signals, in-flight requests, open sockets.
 * A request is held "in flight" deterministically by sending its headers and only part of its body.
 */
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

type LogLine = { level: number; msg: string; [key: string]: unknown };

class ServerProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();
  port = 0;

  constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) if (line.startsWith('{')) this.lines.push(JSON.parse(line));
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Resolves with the first log line matching; fails if the process exits first. */
  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find(match);
        if (!found) return;
        this.waiters.delete(check);
        resolve(found);
      };
      this.waiters.add(check);
      void this.exited.then(() => {
        this.waiters.delete(check);
        reject(new Error(`exited before the log line; got ${JSON.stringify(this.lines.map((line) => line.msg))}`));
      });
      check();
    });
  }

  /** Sends a signup's headers and half its body: the request stays in flight until `finish()`. */
  async startSlowSignup() {
    const socket = net.connect(this.port, '127.0.0.1');
    const body = JSON.stringify({ email: uniqueEmail('late'), password: PASSWORD, name: 'Late' });
    const split = Math.floor(body.length / 2);
    const url = `/api/v1/auth/signup?probe=${Math.random()}`;
    socket.write(
      `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, split)}`,
    );
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
    });
    const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(response)));
    await this.waitForLog((line) => line.msg === 'incoming request' && (line.req as { url?: string })?.url === url);
    return {
      finish: () => {
        socket.write(body.slice(split));
        return ended;
      },
      socket,
    };
  }
}

const running: ServerProcess[] = [];

async function startServer(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-shutdown-'));
  const child = spawn(process.execPath, ['--import', TSX, SERVER], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const server = new ServerProcess(child, dataDir);
  running.push(server);
  const listening = await server.waitForLog((line) => line.msg.startsWith('Server listening at'));
  server.port = Number(new URL(listening.msg.replace('Server listening at ', '')).port);
  return server;
}

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  }
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, closes sockets and idle connections, then exits 0', async () => {
    const server = await startServer();
    const base = `http://127.0.0.1:${server.port}`;
    // fetch keeps its connection open (keep-alive): an idle connection must not hold up the shutdown.
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('early'), password: PASSWORD, name: 'Early' }),
    });
    const { token } = (await signup.json()) as { token: string };
    const listener = await listenOn(openSocket(base, { token }));
    const request = await server.startSlowSignup();

    const disconnected = disconnectOf(listener.socket);
    server.child.kill('SIGTERM');
    await server.waitForLog((line) => line.msg === 'shutting down');
    expect(await disconnected).toBe('io server disconnect');
    const response = await request.finish();

    expect(response).toMatch(/^HTTP\/1\.1 201 /);
    // Its keep-alive connection would otherwise hold the shutdown until the keep-alive timeout.
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(await server.exited).toBe(0);
    expect(server.lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('exits at once, non-zero, on a second signal', async () => {
    const server = await startServer();
    await server.startSlowSignup();
    server.child.kill('SIGTERM');
    await server.waitForLog((line) => line.msg === 'shutting down');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(1);
    expect(server.lines.map((line) => line.msg)).toContain('second signal: exiting without waiting');
  });

  it('gives up after SHUTDOWN_TIMEOUT_SECONDS with an error line and a non-zero exit', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    await server.startSlowSignup();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    const errors = server.lines.filter((line) => line.level >= 50).map((line) => line.msg);
    expect(errors).toEqual(['requests still running at shutdown timeout; exiting']);
  });
});
