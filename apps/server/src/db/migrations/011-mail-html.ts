import { type Kysely, sql } from 'kysely';

/** SPEC §11: case mail is plain text plus HTML; the mailbox keeps both (null for text-only mail). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail add column html text`.execute(db);
  // The dispatcher reads the few agents who opted in to assignment mail once per batch of events.
  await sql`create index agents_notified_on_assignment on agents (user_id) where notify_on_assignment = 1`.execute(db);
}
