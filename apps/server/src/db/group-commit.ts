import type { Kysely, SqliteDatabase } from 'kysely';
import { runDirectlyWhileOpen } from './direct-execution.js';
import type { Tables } from './schema.js';
import type { Trx } from './transaction.js';

type Work = (trx: Trx) => Promise<unknown>;
interface Entry {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit for SQLite. Its write transactions run one at a time on one connection anyway, and
 * most of a small transaction's cost is the commit (writing the WAL frames of every page it dirtied).
 * So the write transactions that queue up while one batch runs become the next batch: one BEGIN,
 * a savepoint per transaction, one COMMIT. Each transaction still sees everything before it, exactly
 * as if they had run one by one; one that fails rolls back to its savepoint and fails alone; nobody
 * hears "done" before the batch's COMMIT has returned. If the batch itself cannot commit, each of its
 * transactions runs again on its own. The cost: a transaction starts up to one event-loop turn later.
 */
export function createGroupCommitter(db: Kysely<Tables>, statements: SqliteDatabase, maxBatch = 256) {
  let queue: Entry[] = [];
  let flushing = false;

  const runAlone = (entry: Entry) => db.transaction().execute(entry.work).then(entry.resolve, entry.reject);

  async function runBatch(batch: Entry[]) {
    const [only] = batch;
    if (batch.length === 1 && only) return runAlone(only);
    const done: { entry: Entry; value: unknown }[] = [];
    let trx: Awaited<ReturnType<ReturnType<typeof db.startTransaction>['execute']>> | undefined;
    let release = () => {};
    try {
      trx = await db.startTransaction().execute();
      release = runDirectlyWhileOpen(trx, statements);
      // The batch holds the connection, so its savepoints go to better-sqlite3 directly as well.
      const execute = (statement: string) => statements.prepare(statement).run([]);
      for (const entry of batch) {
        execute('savepoint grouped');
        try {
          done.push({ entry, value: await entry.work(trx) });
        } catch (error) {
          execute('rollback to grouped');
          entry.reject(error);
        }
        execute('release grouped');
      }
      release();
      await trx.commit().execute();
    } catch {
      release();
      if (trx && !trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      for (const { entry } of done) await runAlone(entry);
      return;
    }
    for (const { entry, value } of done) entry.resolve(value);
  }

  async function flush() {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await runBatch(batch);
      }
    } finally {
      flushing = false;
    }
  }

  return function execute<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (flushing) return;
      flushing = true;
      // After the I/O callbacks of this turn of the event loop: requests that arrived together commit together.
      setImmediate(() => void flush());
    });
  };
}
