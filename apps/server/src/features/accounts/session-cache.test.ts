import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestServer, type TestServer } from '../../testing/harness.js';
import { EventBus } from '../realtime/event-bus.js';
import { SessionCache } from './session-cache.js';

const caller = { userId: 7, role: 'customer' as const, sessionId: 70 };
const live = { caller, expiresAt: Number.MAX_SAFE_INTEGER };

describe('session cache', () => {
  it('asks the database once per token while the session lives', async () => {
    const cache = new SessionCache(new EventBus(), undefined);
    let loads = 0;
    const load = async () => {
      loads++;
      return live;
    };
    expect(await cache.resolve('hash', 1, load)).toEqual(caller);
    expect(await cache.resolve('hash', 2, load)).toEqual(caller);
    expect(loads).toBe(1);
  });

  it('forgets a session at its revocation, and one revoked while it was being read', async () => {
    const bus = new EventBus();
    const cache = new SessionCache(bus, undefined);
    let loads = 0;
    const load = async () => {
      loads++;
      return live;
    };
    await cache.resolve('hash', 1, load);
    bus.publish([{ name: 'session.revoked', userId: caller.userId }]);
    await cache.resolve('hash', 1, load);
    expect(loads).toBe(2);

    // The database answered "live" just before the revocation committed: that answer must not be kept.
    const racing = cache.resolve('other', 1, async () => {
      bus.publish([{ name: 'session.revoked', sessionId: 99 }]);
      return { caller: { ...caller, sessionId: 71 }, expiresAt: Number.MAX_SAFE_INTEGER };
    });
    await racing;
    await cache.resolve('other', 1, load);
    expect(loads).toBe(3);
  });

  it('does not serve a session past its expiry', async () => {
    const cache = new SessionCache(new EventBus(), undefined);
    await cache.resolve('hash', 1, async () => ({ caller, expiresAt: 10 }));
    expect(await cache.resolve('hash', 10, async () => undefined)).toBeNull();
  });
});

describe.each(engines)('cached sessions on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('refuses a token on the very next request after logout', async () => {
    const customer = await server.signup();
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(200);
    expect((await server.call('POST', '/api/v1/auth/logout', { token: customer.token })).status).toBe(204);
    expect((await server.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(401);
  });

  it.runIf(engine === 'postgres')('refuses a token on another process soon after logout there', async () => {
    const peer = await server.startPeer();
    try {
      const customer = await server.signup();
      expect((await peer.call('GET', '/api/v1/auth/me', { token: customer.token })).status).toBe(200);
      expect((await server.call('POST', '/api/v1/auth/logout', { token: customer.token })).status).toBe(204);
      await expect
        .poll(async () => (await peer.call('GET', '/api/v1/auth/me', { token: customer.token })).status, {
          timeout: 1000,
        })
        .toBe(401);
    } finally {
      await peer.close();
    }
  });
});
