import type { WidgetSettings } from '@caseflow/contract';
import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';

const SETTINGS_ID = 1;

export async function findWidgetSettings(db: Db): Promise<WidgetSettings | undefined> {
  const row = await db
    .selectFrom('widget_settings')
    .select('settings')
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row && (JSON.parse(row.settings) as WidgetSettings);
}

export async function saveWidgetSettings(db: Db, settings: WidgetSettings, now: number) {
  const values = { settings: JSON.stringify(settings), updated_at: now };
  await db
    .insertInto('widget_settings')
    .values({ id: SETTINGS_ID, ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

export async function insertWidgetSession(
  db: Db | Trx,
  session: { tokenHash: string; userId: number; caseId: number; now: number },
) {
  await db
    .insertInto('widget_sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      case_id: session.caseId,
      created_at: session.now,
    })
    .execute();
}

/** The guest and case a token opens, while the account is active and the token younger than `since`. */
export function findWidgetSession(db: Db, tokenHash: string, since: number) {
  return db
    .selectFrom('widget_sessions')
    .innerJoin('users', 'users.id', 'widget_sessions.user_id')
    .select([
      'widget_sessions.id as sessionId',
      'widget_sessions.user_id as userId',
      'widget_sessions.case_id as caseId',
    ])
    .where('widget_sessions.token_hash', '=', tokenHash)
    .where('widget_sessions.created_at', '>', since)
    .where('users.status', '=', 'active')
    .where('users.role', '=', 'customer')
    .executeTakeFirst();
}
