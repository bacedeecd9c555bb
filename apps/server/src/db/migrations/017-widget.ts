import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * The chat widget (SPEC §14).
 * - `widget_settings`: one row (id 1), the shop's colour and greeting as `PUT /widget/settings` wrote them.
 * - `widget_sessions`: a guest's hold on the one conversation the widget started. Only the token's hash
 *   is kept; the token opens that case and nothing else of the app.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('widget_settings')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('settings', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  const sessions =
    engine === 'postgres'
      ? db.schema.createTable('widget_sessions').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema
          .createTable('widget_sessions')
          .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await sessions
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('case_id', 'integer', (column) => column.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('widget_sessions_user').on('widget_sessions').column('user_id').execute();
  await db.schema.createIndex('widget_sessions_case').on('widget_sessions').column('case_id').execute();
}
