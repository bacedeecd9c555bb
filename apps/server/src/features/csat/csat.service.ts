import type { Csat, CsatBody } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { conflict, forbidden, notFound } from '../../http/app-error.js';
import { signedIdToken } from '../../http/signed-id-token.js';
import { toIso } from '../../http/time.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import { assertCaseVisible, caseNumber } from '../cases/cases.service.js';
import * as repository from './csat.repository.js';

const ratingToken = signedIdToken('caseflow:csat:v1');

/** The token of a resolved case's rating link in the resolve mail: no sign-in, good for one rating. */
export const csatToken = (key: Buffer, caseId: number) => ratingToken.sign(key, caseId);

const toCsat = (row: { rating: number; comment: string | null; created_at: number }): Csat => ({
  rating: row.rating,
  comment: row.comment,
  createdAt: toIso(row.created_at),
});

/**
 * SPEC §13: the case's customer rates it once, after it is resolved (409 before, and for a second
 * rating). The rating is a line in the case's activity, where reports read it.
 */
async function recordRating(ctx: AppContext, target: { caseId: number; customerId: number }, body: CsatBody) {
  return runAssignment(ctx, { actorId: target.customerId, trigger: 'case_rated' }, async (scope) => {
    const row = await repository.findRatedCase(scope.trx, target.caseId);
    if (!row) throw notFound('case');
    if (row.status !== 'resolved') throw conflict('a case can be rated once it is resolved', 'rating');
    const rating = await repository.insertRating(scope.trx, {
      ...target,
      rating: body.rating,
      comment: body.comment || null,
      now: scope.now,
    });
    if (!rating) throw conflict('this case has been rated already', 'rating');
    scope.record({ type: 'case.rated', caseId: target.caseId, to: String(body.rating) });
    scope.publish({ name: 'case.updated', caseId: target.caseId, customerId: target.customerId });
    return toCsat(rating);
  });
}

export async function rateCase(ctx: AppContext, caller: Caller, caseId: number, body: CsatBody) {
  const { customerId } = await assertCaseVisible(ctx, caller, caseId);
  if (caller.userId !== customerId) throw forbidden("only the case's customer rates it");
  return recordRating(ctx, { caseId, customerId }, body);
}

export async function getRating(ctx: AppContext, caller: Caller, caseId: number) {
  await assertCaseVisible(ctx, caller, caseId);
  const row = await repository.findRating(ctx.database.db, caseId);
  if (!row) throw notFound('rating');
  return toCsat(row);
}

/** The case a rating link names; a malformed, forged or dead link is a 404 like any unknown page. */
async function caseOfToken(ctx: AppContext, token: string) {
  const check = ratingToken.verify(ctx.secretKey, token);
  const row = check.isValid ? await repository.findRatedCase(ctx.database.db, check.id) : undefined;
  if (!row) throw notFound('rating link');
  return row;
}

export async function getRatingByToken(ctx: AppContext, token: string) {
  const row = await caseOfToken(ctx, token);
  const rating = await repository.findRating(ctx.database.db, row.id);
  return {
    case: { number: caseNumber(row.id), subject: row.subject, resolved: row.status === 'resolved' },
    csat: rating ? toCsat(rating) : null,
  };
}

export async function rateByToken(ctx: AppContext, token: string, body: CsatBody) {
  const row = await caseOfToken(ctx, token);
  return recordRating(ctx, { caseId: row.id, customerId: row.customer_id }, body);
}
