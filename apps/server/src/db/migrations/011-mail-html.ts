import { type Kysely, sql } from 'kysely';

/** SPEC §11: case mail is plain text plus HTML; the mailbox keeps both (null for text-only mail). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail add column html text`.execute(db);
}
