import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';

export interface NewRating {
  caseId: number;
  customerId: number;
  rating: number;
  comment: string | null;
  now: number;
}

/** The rating, or undefined when the case already has one (a case is rated once). */
export async function insertRating(trx: Trx, rating: NewRating) {
  return trx
    .insertInto('csat_ratings')
    .values({
      case_id: rating.caseId,
      customer_id: rating.customerId,
      rating: rating.rating,
      comment: rating.comment,
      created_at: rating.now,
    })
    .onConflict((conflict) => conflict.column('case_id').doNothing())
    .returning(['rating', 'comment', 'created_at'])
    .executeTakeFirst();
}

export async function findRating(db: Db | Trx, caseId: number) {
  return db
    .selectFrom('csat_ratings')
    .select(['rating', 'comment', 'created_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** The case a rating link names, as far as the rating needs it. */
export async function findRatedCase(db: Db | Trx, caseId: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'subject', 'status'])
    .where('id', '=', caseId)
    .where('status', '!=', 'deleted')
    .executeTakeFirst();
}
