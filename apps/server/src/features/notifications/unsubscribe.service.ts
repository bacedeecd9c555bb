import type { AppContext } from '../../context.js';
import { runTransaction } from '../../db/transaction.js';
import { AppError, notFound } from '../../http/app-error.js';
import { findMailRecipient, setMailOptOut } from '../accounts/accounts.service.js';
import { setNotifyOnAssignment } from '../agents/agents.service.js';
import { verifyUnsubscribeToken } from './unsubscribe-token.js';

/** Whose mail a link is about: a customer's case mail, or an agent's assignment mail. */
export type Audience = 'customer' | 'agent';

/**
 * SPEC §11's unsubscribe link, honoured at once and without signing in: the token (an HMAC of the
 * user id) is the only authority. Turns case mail off (`subscribe: false`) or back on; for an agent
 * it is the assignment-mail switch of their account page. A malformed token is a 400, a forged one
 * or one of no user a 404, and neither changes anything.
 */
export async function setSubscriptionByToken(
  ctx: AppContext,
  token: string,
  subscribe: boolean,
): Promise<{ audience: Audience }> {
  const check = verifyUnsubscribeToken(ctx.secretKey, token);
  if (!check.isValid) {
    if (check.reason === 'malformed') {
      throw new AppError('bad_request', 'this unsubscribe link is incomplete; open it from the email again');
    }
    throw notFound('unsubscribe link');
  }
  return runTransaction(ctx.database, async (trx) => {
    const user = await findMailRecipient(trx, check.userId);
    if (!user) throw notFound('unsubscribe link');
    await setMailOptOut(trx, user.id, !subscribe);
    if (user.role === 'agent') await setNotifyOnAssignment(trx, user.id, subscribe);
    return { audience: user.role === 'agent' ? 'agent' : 'customer' };
  });
}
