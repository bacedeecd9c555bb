import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

type Table = CreateTableBuilder<string, never>;

function withId(table: Table, engine: Engine): Table {
  return engine === 'postgres'
    ? table.addColumn('id', 'serial', (column) => column.primaryKey())
    : table.addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
}

const notNull = (column: ColumnDefinitionBuilder) => column.notNull();

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await withId(db.schema.createTable('users'), engine)
    .addColumn('email', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('active'))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addUniqueConstraint('users_email_unique', ['email'])
    .addCheckConstraint('users_email_lowercase', sql`email = lower(email)`)
    .addCheckConstraint('users_role', sql`role in ('customer', 'agent', 'admin')`)
    .addCheckConstraint('users_status', sql`status in ('active', 'deactivated', 'deleted')`)
    .execute();

  await withId(db.schema.createTable('sessions'), engine)
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('agents')
    .addColumn('user_id', 'integer', (column) => column.primaryKey().references('users.id'))
    .addColumn('capacity', 'integer', notNull)
    .addColumn('availability', 'text', notNull)
    .addColumn('active_cases', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_assigned_at', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('removed_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('agents_capacity_range', sql`capacity between 1 and 50`)
    .addCheckConstraint('agents_availability', sql`availability in ('available', 'away')`)
    .addCheckConstraint('agents_load_within_capacity', sql`active_cases >= 0 and active_cases <= capacity`)
    .execute();
  await db.schema
    .createIndex('agents_assignable')
    .on('agents')
    .columns(['active_cases', 'last_assigned_at', 'user_id'])
    .where(sql.ref('availability'), '=', 'available')
    .execute();

  await withId(db.schema.createTable('cases'), engine)
    .addColumn('customer_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('subject', 'text', notNull)
    .addColumn('description', 'text', notNull)
    .addColumn('order_number', 'text')
    .addColumn('product', 'text')
    .addColumn('reason', 'text')
    .addColumn('desired_outcome', 'text')
    .addColumn('priority', 'integer', (column) => column.notNull().defaultTo(2))
    .addColumn('status', 'text', notNull)
    .addColumn('assignee_id', 'integer', (column) => column.references('agents.user_id'))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('assigned_at', 'bigint')
    .addColumn('first_response_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('updated_at', 'bigint', notNull)
    .addCheckConstraint('cases_status', sql`status in ('new', 'open', 'pending', 'resolved', 'deleted')`)
    .addCheckConstraint('cases_priority', sql`priority between 0 and 3`)
    .addCheckConstraint(
      'cases_reason',
      sql`reason is null or reason in ('damaged', 'defective', 'wrong_item', 'not_as_described', 'no_longer_needed', 'other')`,
    )
    .addCheckConstraint(
      'cases_desired_outcome',
      sql`desired_outcome is null or desired_outcome in ('refund', 'replacement', 'repair', 'store_credit')`,
    )
    // Active cases have exactly one assignee, queued ones none; closed ones remember who held them last.
    .addCheckConstraint(
      'cases_assignee_matches_status',
      sql`(status in ('open', 'pending') and assignee_id is not null) or (status = 'new' and assignee_id is null) or status in ('resolved', 'deleted')`,
    )
    .execute();
  await db.schema
    .createIndex('cases_queue')
    .on('cases')
    .columns(['priority', 'created_at', 'id'])
    .where(sql.ref('status'), '=', 'new')
    .execute();
  await db.schema.createIndex('cases_assignee').on('cases').columns(['assignee_id', 'status', 'id']).execute();
  await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'id']).execute();

  await withId(db.schema.createTable('assignments'), engine)
    .addColumn('case_id', 'integer', (column) => column.notNull().references('cases.id'))
    .addColumn('agent_id', 'integer', (column) => column.notNull().references('agents.user_id'))
    .addColumn('assigned_at', 'bigint', notNull)
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    .execute();
  // One live assignment per case, whatever the application does.
  await db.schema
    .createIndex('assignments_one_live_per_case')
    .on('assignments')
    .column('case_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema.createIndex('assignments_agent').on('assignments').columns(['agent_id', 'ended_at']).execute();

  await withId(db.schema.createTable('messages'), engine)
    .addColumn('case_id', 'integer', (column) => column.notNull().references('cases.id'))
    .addColumn('author_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('body', 'text', notNull)
    .addColumn('visibility', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addCheckConstraint('messages_visibility', sql`visibility in ('public', 'internal')`)
    .execute();
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'id']).execute();

  await withId(db.schema.createTable('activity'), engine)
    .addColumn('type', 'text', notNull)
    .addColumn('case_id', 'integer', (column) => column.references('cases.id'))
    .addColumn('agent_id', 'integer', (column) => column.references('users.id'))
    .addColumn('actor_id', 'integer', (column) => column.references('users.id'))
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('visibility', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addCheckConstraint('activity_visibility', sql`visibility in ('public', 'internal')`)
    .execute();
  await db.schema.createIndex('activity_case').on('activity').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('activity_agent').on('activity').columns(['agent_id', 'id']).execute();

  await withId(db.schema.createTable('password_resets'), engine)
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('expires_at', 'bigint', notNull)
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', notNull)
    .execute();

  await withId(db.schema.createTable('mail'), engine)
    .addColumn('to_address', 'text', notNull)
    .addColumn('subject', 'text', notNull)
    .addColumn('text', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('sent_at', 'bigint')
    .execute();
}
