import { type RealtimeAck, type TypingEvent, typingBody } from '@caseflow/contract';
import { type AppContext, type Caller, isStaff } from '../../context.js';
import { AppError } from '../../http/app-error.js';
import { toIso } from '../../http/time.js';
import { getUserRef } from '../accounts/accounts.service.js';
import { assertCaseVisible } from '../cases/cases.service.js';

/** The web app sends one typing notice per 2 s; a few per second leave room for a second tab, no more. */
export const TYPING_LIMIT = { count: 3, windowMs: 1_000 };

/** A fixed-window counter: true while fewer than `count` calls happened in the current window. */
export function createThrottle({ count, windowMs }: typeof TYPING_LIMIT, now: () => number = Date.now) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return () => {
    const time = now();
    if (time - windowStart >= windowMs) {
      windowStart = time;
      used = 0;
    }
    used += 1;
    return used <= count;
  };
}

export type TypingNotice = { event: TypingEvent; customerId: number };

/**
 * Turns a client's `typing` input into the notice to relay, or the refusal to acknowledge.
 *
 * Security boundary: the caller must be able to read the case through the same rule as the API
 * (`assertCaseVisible`: a customer their own case, staff any), and only staff may type an internal
 * note. Limit: it says nothing about who receives the notice; the caller routes it (staff always,
 * the customer only when not internal).
 */
export async function prepareTypingNotice(
  ctx: AppContext,
  caller: Caller,
  input: unknown,
): Promise<TypingNotice | Extract<RealtimeAck, { ok: false }>> {
  const parsed = typingBody.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'invalid' };
  const { caseId, internal } = parsed.data;
  if (internal && !isStaff(caller)) return { ok: false, error: 'forbidden' };
  try {
    const [visible, author] = await Promise.all([
      assertCaseVisible(ctx, caller, caseId),
      getUserRef(ctx.database.db, caller.userId),
    ]);
    if (!author) return { ok: false, error: 'not_found' };
    const event = { caseId, userId: caller.userId, name: author.name, role: caller.role, internal };
    return { event: { ...event, at: toIso(Date.now()) }, customerId: visible.customerId };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return { ok: false, error: 'not_found' };
    throw error;
  }
}
