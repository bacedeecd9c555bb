import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('uses the documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, admin: undefined });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('lists every problem at once', () => {
    const env = { PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_EMAIL: 'not-an-email', SMTP_URL: 'http://mail' };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'ADMIN_EMAIL', 'SMTP_URL']));
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin@example.com' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('switches to PostgreSQL and secure cookies from the environment', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/caseflow', PUBLIC_URL: 'https://support.example.com/' });
    expect(config.databaseUrl).toBe('postgres://u@db/caseflow');
    expect(config.publicUrl).toBe('https://support.example.com');
  });

  it('sets the sign-in throttles, trusted proxies and shutdown timeout', () => {
    expect(loadConfig({})).toMatchObject({
      loginRateLimit: { perAccount: 10, perIp: 100, windowSeconds: 900 },
      trustProxy: false,
      shutdownTimeoutSeconds: 10,
    });
    const config = loadConfig({
      LOGIN_RATE_LIMIT: '5',
      LOGIN_RATE_LIMIT_PER_IP: '50',
      LOGIN_RATE_WINDOW_SECONDS: '60',
      TRUST_PROXY: '10.0.0.0/8, loopback,::1',
      SHUTDOWN_TIMEOUT_SECONDS: '30',
    });
    expect(config.loginRateLimit).toEqual({ perAccount: 5, perIp: 50, windowSeconds: 60 });
    expect(config.trustProxy).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    expect(config.shutdownTimeoutSeconds).toBe(30);
  });

  it('refuses a hop count or a name as a trusted proxy', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY/);
  });
});
