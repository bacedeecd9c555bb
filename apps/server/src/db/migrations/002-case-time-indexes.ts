import type { Kysely } from 'kysely';

/** The dashboard's hourly chart reads cases by creation and resolution time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_created_at').on('cases').column('created_at').execute();
  await db.schema.createIndex('cases_resolved_at').on('cases').column('resolved_at').execute();
}
