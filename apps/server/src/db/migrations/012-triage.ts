import { type Kysely, sql } from 'kysely';

/**
 * SPEC §9: each case keeps its tags and the triage record that explains its category and priority
 * (null for cases created before triage). What triage decided is kept beside what the case now says,
 * so corrections are the cases where they differ; `triage_corrected_at` marks the cases whose text
 * joins the training set on a retrain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add column tags text not null default '[]'`.execute(db);
  await sql`alter table cases add column triage text`.execute(db);
  await sql`alter table cases add column triaged_category text`.execute(db);
  await sql`alter table cases add column triaged_priority integer`.execute(db);
  await sql`alter table cases add column triage_corrected_at bigint`.execute(db);
  await sql`create index cases_triage_corrected on cases (triage_corrected_at) where triage_corrected_at is not null`.execute(
    db,
  );
}
