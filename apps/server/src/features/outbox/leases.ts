import type { Db } from '../../db/database.js';

/**
 * A named lease in the database: true while `holder` has it (taken when free or expired, renewed by
 * its holder). For work one process at a time does outside a transaction.
 */
export async function holdLease(db: Db, name: string, holder: string, ms: number) {
  const now = Date.now();
  await db
    .insertInto('leases')
    .values({ name, holder: null, expires_at: 0 })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('leases')
    .set({ holder, expires_at: now + ms })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
