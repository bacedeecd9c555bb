import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WAL_BACKSTOP_PAGES } from './checkpointer.js';
import { type Database, openDatabase } from './database.js';

describe('background checkpoints on SQLite', () => {
  let dataDir: string;
  let database: Database;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'caseflow-checkpoint-'));
    database = openDatabase({ dataDir });
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const file = () => join(dataDir, 'caseflow.sqlite');
  const pragma = async (name: string) =>
    Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {})[0];

  it('copies committed pages into the database file without the server connection doing it', async () => {
    await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
    const body = 'x'.repeat(1_000);
    for (let i = 0; i < 20; i++) {
      await database.transaction(async (trx) => {
        for (let j = 0; j < 50; j++) await sql`insert into notes (body) values (${body})`.execute(trx);
      });
    }
    const pages = Number(await pragma('page_count'));
    // Far below the server connection's own threshold: only the worker can have moved them.
    expect(pages).toBeLessThan(WAL_BACKSTOP_PAGES);
    expect(Number(await pragma('wal_autocheckpoint'))).toBe(WAL_BACKSTOP_PAGES);
    const pageSize = Number(await pragma('page_size'));
    const deadline = Date.now() + 5_000;
    while (statSync(file()).size < pages * pageSize && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statSync(file()).size).toBeGreaterThanOrEqual(pages * pageSize);
  });

  it('stops with the database: closing leaves no WAL behind', async () => {
    await sql`create table notes (id integer primary key)`.execute(database.db);
    await database.close();
    // The last connection to close checkpoints and removes the WAL; a worker still connected would keep it.
    expect(existsSync(`${file()}-wal`)).toBe(false);
    database = openDatabase({ dataDir });
  });

  it('lets a script that opens and closes the database exit normally', () => {
    // The worker is unreferenced while it runs; closing must still wait for it (exit code 13 otherwise).
    const script = `
      const { openDatabase } = await import(${JSON.stringify(fileURLToPath(new URL('./database.ts', import.meta.url)))});
      const database = openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
      await database.close();
      console.log('closed');`;
    const output = execFileSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(output.trim()).toBe('closed');
  });
});
