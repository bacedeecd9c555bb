import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../http/app-error.js';

/** Past this many tracked keys the oldest windows are forgotten, so a flood of new keys cannot exhaust memory. */
export const MAX_TRACKED_KEYS = 100_000;

/**
 * Fixed-window attempt counters, one window per key, in this process's memory: with several
 * processes each one counts on its own (see docs/SECURITY.md).
 */
export class AttemptCounter {
  // Insertion order is window start order, since a new window is always re-inserted at the end.
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  waitFor(key: string): number {
    const window = this.windows.get(key);
    const now = this.now();
    return window && window.endsAt > now && window.count >= this.limit ? window.endsAt - now : 0;
  }

  count(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.count++;
      return;
    }
    this.windows.delete(key);
    this.forgetExpired(now);
    this.windows.set(key, { count: 1, endsAt: now + this.windowMs });
  }

  /** Takes back one counted attempt (it turned out not to be a guess). */
  uncount(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  private forgetExpired(now: number) {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now && this.windows.size < MAX_TRACKED_KEYS) return;
      this.windows.delete(key);
    }
  }
}

export type ThrottledAction = 'login' | 'password-reset' | 'password-reset-confirm' | 'widget-start' | 'widget-message';

/**
 * Security boundary against password guessing and reset-mail floods: every attempt counts against
 * the client address (credential stuffing across many emails) and, when it names one, the account
 * (guessing one password from many addresses), each with its own limit over the same window.
 * Attempts are counted before they run, so a burst of parallel requests cannot slip past the limit.
 * With `onlyFailuresCount`, a success takes its attempt back from the address and clears the
 * account's count, so a real user is never held up by their own sign-ins.
 * Limits: per process; an attacker who knows an email can keep that account throttled for as long
 * as they keep failing (the user can still reset their password and sign in once the window ends).
 */
export function createThrottle(limits: Config['loginRateLimit'], now: () => number = () => Date.now()) {
  const windowMs = limits.windowSeconds * 1000;
  const perAccount = new AttemptCounter(limits.perAccount, windowMs, now);
  const perIp = new AttemptCounter(limits.perIp, windowMs, now);

  return async function throttle<T>(
    reply: FastifyReply,
    target: { action: ThrottledAction; ip: string; account?: string; onlyFailuresCount: boolean },
    attempt: () => Promise<T>,
  ): Promise<T> {
    const accountKey = target.account === undefined ? undefined : `${target.action}|${target.account.toLowerCase()}`;
    const ipKey = `${target.action}|${target.ip}`;
    const waitMs = Math.max(perIp.waitFor(ipKey), accountKey === undefined ? 0 : perAccount.waitFor(accountKey));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      reply.header('retry-after', String(seconds));
      throw new AppError('rate_limited', `too many attempts; try again in ${describeWait(seconds)}`);
    }
    perIp.count(ipKey);
    if (accountKey !== undefined) perAccount.count(accountKey);
    const result = await attempt();
    if (target.onlyFailuresCount) {
      perIp.uncount(ipKey);
      if (accountKey !== undefined) perAccount.clear(accountKey);
    }
    return result;
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

const describeWait = (seconds: number) => (seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);
