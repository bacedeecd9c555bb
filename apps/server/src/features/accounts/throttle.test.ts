import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, PASSWORD, startTestServer, type TestServer, uniqueEmail } from '../../testing/harness.js';
import { AttemptCounter, MAX_TRACKED_KEYS } from './throttle.js';

describe('attempt counter', () => {
  it('refuses past the limit until the window ends, then starts a new window', () => {
    let now = 1_000_000;
    const counter = new AttemptCounter(2, 60_000, () => now);
    counter.count('a');
    counter.count('a');
    expect(counter.waitFor('a')).toBe(60_000);
    expect(counter.waitFor('b')).toBe(0);
    now += 59_000;
    expect(counter.waitFor('a')).toBe(1_000);
    now += 1_000;
    expect(counter.waitFor('a')).toBe(0);
    counter.count('a');
    expect(counter.waitFor('a')).toBe(0);
  });

  it('takes attempts back and clears keys', () => {
    const counter = new AttemptCounter(1, 60_000, () => 0);
    counter.count('a');
    counter.uncount('a');
    expect(counter.waitFor('a')).toBe(0);
    counter.count('a');
    expect(counter.waitFor('a')).toBeGreaterThan(0);
    counter.clear('a');
    expect(counter.waitFor('a')).toBe(0);
  });

  it('forgets the oldest windows rather than growing without bound', () => {
    const counter = new AttemptCounter(1, 60_000, () => 0);
    for (let key = 0; key <= MAX_TRACKED_KEYS; key++) counter.count(String(key));
    expect(counter.waitFor('0')).toBe(0);
    expect(counter.waitFor(String(MAX_TRACKED_KEYS))).toBe(60_000);
  });
});

const WINDOW_SECONDS = 900;

/** Sign-in and reset throttles, per account and per client address (request.ip), through HTTP. */
describe.each(engines)('sign-in throttling on %s', (engine) => {
  let server: TestServer;
  let ipCounter = 0;
  // Each test speaks from its own addresses, so the per-address counts of one test do not leak into the next.
  const nextIp = () => `203.0.113.${++ipCounter}`;

  beforeAll(async () => {
    server = await startTestServer(engine, {
      LOGIN_RATE_LIMIT: '3',
      LOGIN_RATE_LIMIT_PER_IP: '6',
      LOGIN_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
  });
  afterAll(() => server.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  async function post(ip: string, url: string, body: object, headers: Record<string, string> = {}) {
    const response = await server.app.inject({ method: 'POST', url, payload: body, remoteAddress: ip, headers });
    return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : null };
  }
  const login = (ip: string, email: string, password: string, headers?: Record<string, string>) =>
    post(ip, '/api/v1/auth/login', { email, password }, headers);
  const requestReset = (ip: string, email: string) => post(ip, '/api/v1/auth/password-reset', { email });

  it('throttles one account after repeated failures, while other accounts from the same address still sign in', async () => {
    const ip = nextIp();
    const [victim, neighbour] = [await server.signup(), await server.signup()];
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await login(ip, victim.email, 'Wrong-pass-123')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    const limited = await login(nextIp(), victim.email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);

    expect((await login(ip, neighbour.email, PASSWORD)).status).toBe(200);
  });

  it('lets the real user in again once the window has passed', async () => {
    const customer = await server.signup();
    for (let attempt = 0; attempt < 3; attempt++) await login(nextIp(), customer.email, 'Wrong-pass-123');
    expect((await login(nextIp(), customer.email, PASSWORD)).status).toBe(429);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (WINDOW_SECONDS + 1) * 1000);
    expect((await login(nextIp(), customer.email, PASSWORD)).status).toBe(200);
  });

  it('counts only failures: the user’s own sign-ins neither use up nor keep the limit', async () => {
    const customer = await server.signup();
    for (let round = 0; round < 3; round++) {
      expect((await login(nextIp(), customer.email, 'Wrong-pass-123')).status).toBe(401);
      expect((await login(nextIp(), customer.email, 'Wrong-pass-123')).status).toBe(401);
      expect((await login(nextIp(), customer.email, PASSWORD)).status).toBe(200);
    }
    // Successes from one address give their attempt back: only the address's failures add up.
    const ip = nextIp();
    for (let attempt = 0; attempt < 8; attempt++) expect((await login(ip, customer.email, PASSWORD)).status).toBe(200);
  });

  it('throttles one address failing across many emails, and a forged X-Forwarded-For does not escape it', async () => {
    const ip = nextIp();
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await login(ip, uniqueEmail('stuffed'), 'Guess-pass-123')).status).toBe(401);
    }
    const customer = await server.signup();
    const limited = await login(ip, customer.email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const forged = await login(ip, customer.email, PASSWORD, { 'x-forwarded-for': '198.51.100.7' });
    expect(forged.status).toBe(429);
    expect((await login(nextIp(), customer.email, PASSWORD)).status).toBe(200);
  });

  it('throttles password-reset requests per account and per address, counting every request', async () => {
    const customer = await server.signup();
    const perAccount = [];
    for (let attempt = 0; attempt < 4; attempt++)
      perAccount.push((await requestReset(nextIp(), customer.email)).status);
    expect(perAccount).toEqual([202, 202, 202, 429]);

    const ip = nextIp();
    const perAddress = [];
    for (let attempt = 0; attempt < 7; attempt++)
      perAddress.push((await requestReset(ip, uniqueEmail('reset'))).status);
    expect(perAddress).toEqual([202, 202, 202, 202, 202, 202, 429]);
    // Sign-in has its own counters: the address can still sign in.
    expect((await login(ip, (await server.signup()).email, PASSWORD)).status).toBe(200);
  });
});

describe.each(engines)('sign-in throttling behind a trusted proxy on %s', (engine) => {
  let server: TestServer;
  const PROXY = '10.0.0.1';
  beforeAll(async () => {
    server = await startTestServer(engine, { LOGIN_RATE_LIMIT_PER_IP: '2', TRUST_PROXY: PROXY });
  });
  afterAll(() => server.close());

  const loginVia = async (client: string, email: string) =>
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'Guess-pass-123' },
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': client },
      })
    ).statusCode;

  it('counts each client behind the proxy on its own', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push(await loginVia('198.51.100.1', uniqueEmail('proxied')));
    expect(statuses).toEqual([401, 401, 429]);
    expect(await loginVia('198.51.100.2', uniqueEmail('proxied'))).toBe(401);
  });
});
