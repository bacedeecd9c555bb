import type { Kysely } from 'kysely';

/**
 * Attachments (SPEC §12): an upload is a row from the moment its bytes are stored; attaching it to a
 * message (or a new case's first message) sets `message_id`. Ids are random (the URL names them), the
 * files' names on disk are generated too. Unattached uploads older than a day are removed by a job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('uploader_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('case_id', 'integer', (column) => column.references('cases.id'))
    .addColumn('message_id', 'integer', (column) => column.references('messages.id'))
    .addColumn('is_internal', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('size', 'integer', (column) => column.notNull())
    .addColumn('content_type', 'text', (column) => column.notNull())
    .addColumn('storage_key', 'text', (column) => column.notNull())
    .addColumn('thumbnail_key', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('attached_at', 'bigint')
    .execute();
  await db.schema.createIndex('attachments_message').on('attachments').column('message_id').execute();
  await db.schema
    .createIndex('attachments_uploader')
    .on('attachments')
    .columns(['uploader_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('attachments_unattached')
    .on('attachments')
    .columns(['attached_at', 'created_at'])
    .execute();
}
