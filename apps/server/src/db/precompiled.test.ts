import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestServer, type TestServer } from '../testing/harness.js';
import { precompiled, precompiledVariants } from './precompiled.js';

describe.each(engines)('precompiled queries on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    await sql`create table notes (id integer primary key, body text, tag text, rank integer not null)`.execute(
      server.ctx.database.db,
    );
  });
  afterAll(() => server.close());

  // The builds below use this typed view of the same database: `notes` is not one of the app's tables.
  type Notes = { notes: { id: number; body: string | null; tag: string | null; rank: number } };
  const db = () => server.ctx.database.db as unknown as Kysely<Notes>;

  it('builds once and binds each call its own values, nulls included', async () => {
    const builtFor: string[] = [];
    const insert = precompiled((_db, builtEngine, note: { id: number; body: string | null; tag: string | null }) => {
      builtFor.push(builtEngine);
      return db()
        .insertInto('notes')
        .values({ ...note, rank: 1 })
        .returning(['id', 'body', 'tag']);
    });
    const first = await insert(server.ctx.database.db, { id: 1, body: 'first', tag: null });
    const second = await insert(server.ctx.database.db, { id: 2, body: null, tag: 'b' });
    expect(first.rows).toEqual([{ id: 1, body: 'first', tag: null }]);
    expect(second.rows).toEqual([{ id: 2, body: null, tag: 'b' }]);
    // Built once, for the engine of the database it ran on.
    expect(builtFor).toEqual([engine]);
  });

  it('keeps the constants of the query and uses an argument wherever the build put it', async () => {
    const find = precompiled((_db, _engine, low: number) =>
      db().selectFrom('notes').select('id').where('id', '>=', low).where('rank', '=', 1).orderBy('id').limit(1),
    );
    expect((await find(server.ctx.database.db, 1)).rows).toEqual([{ id: 1 }]);
    expect((await find(server.ctx.database.db, 2)).rows).toEqual([{ id: 2 }]);
    expect((await find(server.ctx.database.db, 3)).rows).toEqual([]);
  });

  it('compiles one statement per variant', async () => {
    const insertMany = precompiledVariants(
      (_count: number) =>
        (_db, _engine, ...ids: number[]) =>
          db()
            .insertInto('notes')
            .values(ids.map((id) => ({ id, rank: 2 }))),
    );
    await insertMany(1, server.ctx.database.db, 10);
    await insertMany(3, server.ctx.database.db, 11, 12, 13);
    await insertMany(1, server.ctx.database.db, 14);
    const ids = await db().selectFrom('notes').select('id').where('rank', '=', 2).orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual([10, 11, 12, 13, 14]);
  });

  it('refuses an undefined value instead of binding it as NULL', async () => {
    const insert = precompiled((_db, _engine, note: { id: number; body: string | null }) =>
      db()
        .insertInto('notes')
        .values({ ...note, rank: 3 }),
    );
    await insert(server.ctx.database.db, { id: 20, body: 'kept' });
    await expect(
      insert(server.ctx.database.db, { id: 21 } as unknown as { id: number; body: string | null }),
    ).rejects.toThrow(/body is undefined/);
    expect(await db().selectFrom('notes').select('id').where('rank', '=', 3).execute()).toEqual([{ id: 20 }]);
  });

  it('refuses a build that does not use an argument as a value (it would be ignored on every call)', async () => {
    const ignoring = precompiled((_db, _engine, _id: number) => db().selectFrom('notes').select('id').limit(1));
    await expect(ignoring(server.ctx.database.db, 5)).rejects.toThrow(/every argument/);
  });
});
