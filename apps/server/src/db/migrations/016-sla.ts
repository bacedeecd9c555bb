import { type Kysely, sql } from 'kysely';

/**
 * SLA and CSAT (SPEC §13).
 * - `sla_settings`: one row (id 1) holding the calendar and policies as JSON, as `PUT /sla` wrote them.
 * - Cases carry their due times and the instants at 80 % of each target (`*_risk_at`), all wall-clock
 *   epoch millis computed in business hours when the case was stamped, so every state and list is a
 *   plain comparison with now. `sla_paused_at` is set while the clock is stopped (pending, resolved);
 *   `sla_paused_ms` is the business time of the pauses that ended. `sla_alerts` is a bit set of what
 *   the timer has already raised (1 first response at risk, 2 resolution at risk, 4 first response
 *   breached, 8 resolution breached), so each crossing is raised once; `sla_next_alert_at` is when
 *   the timer should look at the case next (null: nothing left to raise, or the clock is stopped).
 * - `csat_ratings`: at most one per case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sla_settings')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('settings', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  for (const name of [
    'sla_first_response_due_at',
    'sla_first_response_risk_at',
    'sla_resolution_due_at',
    'sla_resolution_risk_at',
    'sla_paused_at',
    'sla_next_alert_at',
  ]) {
    await db.schema.alterTable('cases').addColumn(name, 'bigint').execute();
  }
  await db.schema
    .alterTable('cases')
    .addColumn('sla_paused_ms', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('sla_alerts', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  // The timer's one question: which running clocks have a crossing due (partial: most cases have none).
  await db.schema
    .createIndex('cases_sla_next_alert')
    .on('cases')
    .column('sla_next_alert_at')
    .where(sql<boolean>`sla_next_alert_at is not null`)
    .execute();

  await db.schema
    .createTable('csat_ratings')
    .addColumn('case_id', 'integer', (column) => column.primaryKey().references('cases.id'))
    .addColumn('customer_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('rating', 'integer', (column) => column.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('csat_rating', sql`rating between 1 and 5`)
    .execute();
  await db.schema.createIndex('csat_ratings_created').on('csat_ratings').column('created_at').execute();

  // Reports read these activity rows by time. Intake writes neither kind (it writes case.created,
  // case.routed and case.assigned), so the partial indexes cost a new case nothing. Queries name the
  // type as a literal, as SQLite needs to match a partial index.
  for (const [name, type] of [
    ['activity_status_time', 'case.status_changed'],
    ['activity_breach_time', 'case.sla_breached'],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('activity')
      .column('created_at')
      .where(sql.ref('type'), '=', sql.lit(type))
      .execute();
  }
}
