import { type Kysely, sql } from 'kysely';

/** A client's retry of POST /cases with the same Idempotency-Key gets the case it already created. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('request_hash', 'text', (column) => column.notNull())
    .addColumn('case_id', 'integer', (column) => column.references('cases.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .addCheckConstraint('idempotency_key_length', sql`length(key) between 1 and 255`)
    .execute();
}
