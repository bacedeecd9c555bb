import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatement } from '../testing/postgres-admin.js';
import { type Database, openDatabase } from './database.js';

const url = process.env.TEST_DATABASE_URL;

const onAdmin = (statement: string) => runStatement(url ?? '', statement);

describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  let database: Database;

  beforeAll(async () => {
    await onAdmin(`create schema ${schema}`);
    await onAdmin(`create table ${schema}.things (id integer primary key, label text not null)`);
    await onAdmin(`insert into ${schema}.things values (1, 'one'), (2, 'two')`);
    // One connection, so every query below runs on the same one and sees what it prepared. With a
    // URL there is no SQLite file, so no data directory either.
    database = openDatabase({ url, dataDir: '', schema, poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await onAdmin(`drop schema ${schema} cascade`);
  });

  const labelOf = (id: number) =>
    sql<{ label: string }>`select label from things where id = ${id}`.execute(database.db);
  const prepared = () =>
    sql<{ statement: string }>`select statement from pg_prepared_statements`
      .execute(database.db)
      .then((result) => result.rows.map((row) => row.statement));

  it('parses a statement once per connection and then only binds it, with new values each time', async () => {
    expect((await labelOf(1)).rows).toEqual([{ label: 'one' }]);
    expect((await labelOf(2)).rows).toEqual([{ label: 'two' }]);
    const statements = await prepared();
    expect(statements.filter((text) => text.startsWith('select label from things'))).toHaveLength(1);
  });

  it('leaves `*` unprepared, so a column added by a migration elsewhere does not break it', async () => {
    const all = () => sql<Record<string, unknown>>`select * from things order by id`.execute(database.db);
    expect((await all()).rows).toHaveLength(2);
    await onAdmin(`alter table ${schema}.things add column note text`);
    expect((await all()).rows[0]).toEqual({ id: 1, label: 'one', note: null });
    // A named statement with its own column list keeps working across the same change.
    expect((await labelOf(1)).rows).toEqual([{ label: 'one' }]);
    expect((await prepared()).some((text) => text.includes('select *'))).toBe(false);
  });
});
