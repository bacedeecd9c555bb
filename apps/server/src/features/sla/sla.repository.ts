import type { SlaSettings } from '@caseflow/contract';
import type { Updateable } from 'kysely';
import type { Db, Engine } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

const SETTINGS_ID = 1;

export async function findSlaSettings(db: Db | Trx) {
  const row = await db
    .selectFrom('sla_settings')
    .select(['settings', 'updated_at'])
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row && { settings: JSON.parse(row.settings) as SlaSettings, updatedAt: row.updated_at };
}

export async function saveSlaSettings(db: Db, settings: SlaSettings, now: number) {
  const values = { settings: JSON.stringify(settings), updated_at: now };
  await db
    .insertInto('sla_settings')
    .values({ id: SETTINGS_ID, ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

const clockColumns = [
  'id',
  'customer_id',
  'status',
  'priority',
  'created_at',
  'first_response_at',
  'resolved_at',
  'sla_first_response_due_at',
  'sla_first_response_risk_at',
  'sla_resolution_due_at',
  'sla_resolution_risk_at',
  'sla_paused_at',
  'sla_paused_ms',
  'sla_alerts',
  'sla_next_alert_at',
] as const;

export async function findClocks(trx: Trx, caseIds: readonly number[]) {
  if (caseIds.length === 0) return [];
  return trx.selectFrom('cases').select(clockColumns).where('id', 'in', caseIds).execute();
}
export type ClockRow = Awaited<ReturnType<typeof findClocks>>[number];

export async function hasDueClock(db: Db, now: number) {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('sla_next_alert_at', 'is not', null)
    .where('sla_next_alert_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Clocks the timer must look at now, the most overdue first. */
export async function findDueClocks(trx: Trx, engine: Engine, now: number, limit: number) {
  const query = trx
    .selectFrom('cases')
    .select(clockColumns)
    .where('sla_next_alert_at', 'is not', null)
    .where('sla_next_alert_at', '<=', now)
    .orderBy('sla_next_alert_at')
    .limit(limit);
  // Another process's timer takes the rows this one holds (SQLite's writers take turns anyway).
  return (engine === 'postgres' ? query.forUpdate().skipLocked() : query).execute();
}

export type ClockChanges = Pick<
  Updateable<CasesTable>,
  | 'sla_first_response_due_at'
  | 'sla_first_response_risk_at'
  | 'sla_resolution_due_at'
  | 'sla_resolution_risk_at'
  | 'sla_paused_at'
  | 'sla_paused_ms'
  | 'sla_alerts'
  | 'sla_next_alert_at'
>;

/** Only if nobody changed the clock since it was read (another process's timer): true when written. */
export async function updateClock(trx: Trx, row: ClockRow, changes: ClockChanges) {
  const result = await trx
    .updateTable('cases')
    .set(changes)
    .where('id', '=', row.id)
    .where('sla_alerts', '=', row.sla_alerts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
