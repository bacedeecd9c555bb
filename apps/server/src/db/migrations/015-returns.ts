import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

const STATES = sql.raw(
  "('requested', 'approved', 'rejected', 'label_sent', 'received', 'refunded', 'replaced', 'repaired', 'credited')",
);

/**
 * Returns (SPEC §12): at most one per case, numbered from its id (`R-1001`), so the RMA number is
 * sequential and unique on both engines without a counter of its own; SQLite's AUTOINCREMENT never
 * reuses an id. `items` and `flags` are JSON arrays; `delivered_at` is the customer's date (YYYY-MM-DD).
 * Each move is a row of `return_moves`, appended in the transaction that makes it.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const returns =
    engine === 'postgres'
      ? db.schema.createTable('returns').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema.createTable('returns').addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await returns
    .addColumn('case_id', 'integer', (column) => column.notNull().unique().references('cases.id'))
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('items', 'text', (column) => column.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('flags', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('label_attachment_id', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('returns_state', sql`state in ${STATES}`)
    .execute();

  const moves =
    engine === 'postgres'
      ? db.schema.createTable('return_moves').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema
          .createTable('return_moves')
          .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await moves
    .addColumn('return_id', 'integer', (column) => column.notNull().references('returns.id'))
    .addColumn('from_state', 'text', (column) => column.notNull())
    .addColumn('to_state', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'integer', (column) => column.references('users.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('return_moves_from', sql`from_state in ${STATES}`)
    .addCheckConstraint('return_moves_to', sql`to_state in ${STATES}`)
    .execute();
  await db.schema.createIndex('return_moves_return').on('return_moves').columns(['return_id', 'id']).execute();
}
