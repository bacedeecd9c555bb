import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

const CATEGORIES = sql.raw(
  "('return_refund', 'damaged_item', 'wrong_item', 'defective', 'delivery', 'order_change', 'billing', 'account', 'product_question')",
);

/**
 * Teams (SPEC §8): every case belongs to one team, every agent to one or more. The default team,
 * `Support`, is created here with every current agent, so a shop that never touches teams sees no change.
 * Existing cases join it through the column's default; SQLite cannot add a column that both references
 * another table and has a non-null default, so only PostgreSQL gets the foreign key (the service refuses
 * to delete a team that holds cases on both).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id =
    engine === 'postgres'
      ? db.schema.createTable('teams').addColumn('id', 'serial', (column) => column.primaryKey())
      : db.schema.createTable('teams').addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
  await id
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('is_default', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addCheckConstraint('teams_is_default', sql`is_default in (0, 1)`)
    .execute();
  await db.schema.createIndex('teams_name_unique').on('teams').expression(sql`lower(name)`).unique().execute();
  // At most one default; the service moves it in one transaction, so there is always exactly one.
  await db.schema
    .createIndex('teams_one_default')
    .on('teams')
    .column('is_default')
    .unique()
    .where(sql.ref('is_default'), '=', 1)
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (column) => column.notNull().references('teams.id'))
    .addColumn('agent_id', 'integer', (column) => column.notNull().references('agents.user_id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['agent_id', 'team_id'])
    .execute();
  await db.schema.createIndex('team_members_team').on('team_members').columns(['team_id', 'agent_id']).execute();

  await db.schema
    .createTable('team_categories')
    .addColumn('category', 'text', (column) => column.primaryKey())
    .addColumn('team_id', 'integer', (column) => column.notNull().references('teams.id'))
    .addCheckConstraint('team_categories_category', sql`category in ${CATEGORIES}`)
    .execute();

  const now = Date.now();
  await sql`insert into teams (name, description, is_default, created_at, updated_at)
    values ('Support', 'Every agent, and every case no other team handles.', 1, ${now}, ${now})`.execute(db);
  const { rows } = await sql<{ id: number }>`select id from teams where is_default = 1`.execute(db);
  const defaultId = Number(rows[0]?.id);
  await sql`insert into team_members (team_id, agent_id, created_at)
    select ${defaultId}, user_id, ${now} from agents where removed_at is null`.execute(db);

  await sql`alter table cases add column team_id integer not null default ${sql.lit(defaultId)}`.execute(db);
  await sql`alter table cases add column category text check (category is null or category in ${CATEGORIES})`.execute(
    db,
  );
  if (engine === 'postgres') {
    await sql`alter table cases add constraint cases_team_fk foreign key (team_id) references teams (id)`.execute(db);
    await sql`alter table cases alter column team_id drop default`.execute(db);
  }
  // Each team's queue in rule 1's order (the drain serves teams' heads), and the team filter of lists.
  await db.schema
    .createIndex('cases_team_queue')
    .on('cases')
    .columns(['team_id', 'priority', 'created_at', 'id'])
    .where(sql.ref('status'), '=', 'new')
    .execute();
  await db.schema.createIndex('cases_team').on('cases').columns(['team_id', 'id']).execute();
}
