import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

/**
 * The knowledge base (SPEC §10): articles (`description` as staff wrote it, '' for none; `summary` what
 * results and pages show: the description, else the body's first sentences), and what the new-case form's suggestions led to. Feedback is
 * one row per form visit (`session`), event and article, so a client repeating itself counts once.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const articles =
    engine === 'postgres'
      ? db.schema.createTable('kb_articles').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema
          .createTable('kb_articles')
          .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await articles
    .addColumn('slug', 'text', (column) => column.notNull().unique())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('summary', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('tags', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('author_id', 'integer', (column) => column.references('users.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('published_at', 'bigint')
    .addCheckConstraint('kb_articles_status', sql`status in ('draft', 'published')`)
    .execute();
  await db.schema
    .createIndex('kb_articles_status_updated')
    .on('kb_articles')
    .columns(['status', 'updated_at'])
    .execute();

  const feedback =
    engine === 'postgres'
      ? db.schema.createTable('kb_feedback').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema
          .createTable('kb_feedback')
          .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await feedback
    .addColumn('session', 'text', (column) => column.notNull())
    .addColumn('event', 'text', (column) => column.notNull())
    .addColumn('slug', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('case_id', 'integer')
    .addColumn('user_id', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('kb_feedback_event', sql`event in ('shown', 'opened', 'deflected', 'went_on', 'created')`)
    .addUniqueConstraint('kb_feedback_once', ['session', 'event', 'slug'])
    .execute();
  await db.schema.createIndex('kb_feedback_event_time').on('kb_feedback').columns(['event', 'created_at']).execute();
}
