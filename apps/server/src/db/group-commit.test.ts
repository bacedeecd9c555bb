import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.js';
import { directRunnerOf } from './direct-execution.js';
import { precompiled } from './precompiled.js';
import type { Trx } from './transaction.js';

describe('group commit on SQLite', () => {
  let dataDir: string;
  let database: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'caseflow-group-'));
    database = openDatabase({ dataDir });
    await sql`create table notes (id integer primary key, body text not null unique)`.execute(database.db);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const insert = (body: string) => (trx: Trx) => sql`insert into notes (body) values (${body})`.execute(trx);
  const count = async () =>
    (await sql<{ n: number }>`select count(*) as n from notes`.execute(database.db)).rows[0]?.n ?? 0;

  it('commits transactions that arrive together, each seeing the ones before it', async () => {
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.transaction(async (trx) => {
          await insert(`note ${i}`)(trx);
          const rows = await sql<{ n: number }>`select count(*) as n from notes`.execute(trx);
          seen.push(rows.rows[0]?.n ?? 0);
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await count()).toBe(20);
  });

  it('fails a transaction alone: its writes are undone, its neighbours commit', async () => {
    const before = await count();
    const results = await Promise.allSettled([
      database.transaction(insert('first')),
      database.transaction(async (trx) => {
        await insert('half done')(trx);
        await insert('first')(trx); // unique violation: the whole transaction must vanish
      }),
      database.transaction(insert('third')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(before + 2);
    const bodies = (await sql<{ body: string }>`select body from notes`.execute(database.db)).rows.map((r) => r.body);
    expect(bodies).not.toContain('half done');
  });

  it('runs each transaction again alone when the batch cannot commit, so only the guilty one fails', async () => {
    // A deferred foreign key is checked at COMMIT: the batch's commit fails, not any statement in it.
    await sql`create table if not exists parents (id integer primary key)`.execute(database.db);
    await sql`create table if not exists children (id integer primary key, parent_id integer not null
      references parents (id) deferrable initially deferred)`.execute(database.db);
    const before = await count();
    const runs = { good: 0 };
    const results = await Promise.allSettled([
      database.transaction(async (trx) => {
        runs.good++;
        await insert('before the orphan')(trx);
      }),
      database.transaction((trx) => sql`insert into children (parent_id) values (424242)`.execute(trx)),
      database.transaction(async (trx) => {
        runs.good++;
        await insert('after the orphan')(trx);
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Each good transaction ran twice: once in the failed batch, once alone.
    expect(runs.good).toBe(4);
    expect(await count()).toBe(before + 2);
    const orphans = await sql<{ n: number }>`select count(*) as n from children`.execute(database.db);
    expect(orphans.rows[0]?.n).toBe(0);
  });

  it('answers only after the commit: a reader on another connection sees what was acknowledged', async () => {
    const reader = openDatabase({ dataDir });
    try {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          database.transaction(insert(`seen ${i}`)).then(async () => {
            const rows = await sql<{ n: number }>`select count(*) as n from notes where body = ${`seen ${i}`}`.execute(
              reader.db,
            );
            expect(rows.rows[0]?.n).toBe(1);
          }),
        ),
      );
    } finally {
      await reader.close();
    }
  });

  // `notes` is not in the typed schema; these build the statements the way the repositories do.
  const insertNote = precompiled((db, _engine, body: string) =>
    db.insertInto('notes' as never).values({ body } as never),
  );
  const countNotes = precompiled((db) =>
    db.selectFrom('notes' as never).select((eb) => eb.fn.countAll<number>().as('n')),
  );

  it('runs precompiled statements of a batch directly, with the batch transaction’s semantics', async () => {
    const before = await count();
    const seen: number[] = [];
    const direct: boolean[] = [];
    const held: Trx[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        database.transaction(async (trx) => {
          held.push(trx);
          direct.push(directRunnerOf(trx) !== undefined);
          const inserted = await insertNote(trx, `direct ${i}`);
          expect(inserted.numAffectedRows).toBe(1n);
          seen.push(Number((await countNotes(trx)).rows[0]?.n));
          if (i === 3) throw new Error('this one fails alone');
        }),
      ),
    );
    expect(direct).toEqual([true, true, true, true, true, true]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    // Each saw the ones before it; the failed one's insert was rolled back to its savepoint.
    expect(seen).toEqual([1, 2, 3, 4, 4, 5].map((n) => before + n));
    expect(await count()).toBe(before + 5);
    // After the commit the transaction has no direct runner: a late use cannot run outside it.
    expect(held.every((trx) => directRunnerOf(trx) === undefined)).toBe(true);
  });
});
