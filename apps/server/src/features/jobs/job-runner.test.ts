import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Engine, openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Trx } from '../../db/transaction.js';
import { engines } from '../../testing/harness.js';
import { runStatement } from '../../testing/postgres-admin.js';
import { until } from '../../testing/until.js';
import { type ClaimedJob, enqueueJobs, ForegroundLoad, type JobDefinition, JobRunner } from './index.js';
import { claimJobs } from './jobs.repository.js';

/**
 * Two handles on one fresh, migrated database, like two processes: connections to one SQLite file, or
 * pools on one PostgreSQL schema. Not the harness's test server: its app runs a job runner of its own.
 */
async function openDatabases(engine: Engine) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caseflow-jobs-'));
  const url = process.env.TEST_DATABASE_URL ?? '';
  const schema = `test_${randomBytes(6).toString('hex')}`;
  if (engine === 'postgres') await runStatement(url, `create schema ${schema}`);
  const open = () =>
    engine === 'postgres' ? openDatabase({ url, dataDir, schema, poolSize: 5 }) : openDatabase({ dataDir });
  const databases: [Database, Database] = [open(), open()];
  await migrateToLatest(databases[0]);
  await sql`create table job_notes (job_id integer primary key, note text not null)`.execute(databases[0].db);
  const close = async () => {
    for (const database of databases) await database.close();
    if (engine === 'postgres') await runStatement(url, `drop schema ${schema} cascade`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { databases, close };
}

const runners: JobRunner[] = [];

function startRunner(database: Database, definitions: Record<string, JobDefinition>, foreground?: { busy(): boolean }) {
  const runner = new JobRunner(database, { error() {}, warn() {} }, foreground);
  for (const [kind, definition] of Object.entries(definitions)) runner.register(kind, definition);
  runner.start();
  runners.push(runner);
  return runner;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets callers through together once `count` of them wait (in the same turn); fails after 5 s. */
function barrier(count: number) {
  let arrived = 0;
  let release = () => {};
  const everyone = new Promise<void>((resolve) => {
    release = resolve;
  });
  const timeout = pause(5_000).then(() => {
    throw new Error(`only ${arrived} of ${count} arrived`);
  });
  timeout.catch(() => {});
  return () => {
    if (++arrived === count) release();
    return Promise.race([everyone, timeout]);
  };
}

const jobRows = (database: Database) => database.db.selectFrom('jobs').selectAll().orderBy('id').execute();
const isEmpty = async (database: Database) => (await jobRows(database)).length === 0;
async function addNote(trx: Trx, jobId: number, note: string) {
  await sql`insert into job_notes (job_id, note) values (${jobId}, ${note})`.execute(trx);
}
const notes = async (database: Database) =>
  (await sql<{ job_id: number; note: string }>`select job_id, note from job_notes order by job_id`.execute(database.db))
    .rows;
const payloadOf = <T>(job: ClaimedJob) => job.payload as T;

describe.each(engines)('the job runner on %s', (engine) => {
  let databases: [Database, Database];
  let database: Database;
  let closeDatabases = async () => {};
  beforeAll(async () => {
    ({ databases, close: closeDatabases } = await openDatabases(engine));
    [database] = databases;
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await sql`delete from jobs`.execute(database.db);
    await sql`delete from job_notes`.execute(database.db);
  });
  afterAll(() => closeDatabases());

  it('runs a job enqueued in a transaction once, then removes it', async () => {
    await database.transaction((trx) => enqueueJobs(trx, [{ kind: 'greet', payload: { name: 'Ada' } }], Date.now()));
    const runs: ClaimedJob[] = [];
    startRunner(database, { greet: { retryDelaysMs: [], handle: async (job) => void runs.push(job) } });
    await until('the job to be removed', () => isEmpty(database));
    expect(runs).toEqual([expect.objectContaining({ kind: 'greet', payload: { name: 'Ada' }, attempt: 1 })]);
  });

  it('runs each of 200 jobs exactly once across two processes', async () => {
    await enqueueJobs(
      database.db,
      Array.from({ length: 200 }, (_, index) => ({ kind: 'count', payload: { index } })),
      Date.now(),
    );
    const ids = (await jobRows(database)).map((row) => row.id);
    const runs: number[] = [];
    const count: JobDefinition = {
      retryDelaysMs: [],
      async handle(job) {
        runs.push(job.id);
        await pause(Math.random() * 3);
        return undefined;
      },
    };
    const pair = databases.map((handle) => startRunner(handle, { count }));
    await until('every job to be removed', () => isEmpty(database));
    await Promise.all(pair.map((runner) => runner.stop()));
    expect(runs.sort((a, b) => a - b)).toEqual(ids);
  });

  it('enqueues more jobs at once than one statement may bind (an outbox round fans out to thousands)', async () => {
    // 12,000 jobs × 6 columns: past SQLite's 32,766 and PostgreSQL's 65,535 bound values.
    const many = Array.from({ length: 12_000 }, (_, index) => ({ kind: 'bulk', payload: { index } }));
    await database.transaction((trx) => enqueueJobs(trx, many, Date.now()));
    const count = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(12_000);
  });

  it('still makes progress, a few jobs at a time, while the API is saturated', async () => {
    await enqueueJobs(
      database.db,
      Array.from({ length: 30 }, (_, index) => ({ kind: 'slow', payload: { index } })),
      Date.now(),
    );
    let running = 0;
    let most = 0;
    const slow: JobDefinition = {
      retryDelaysMs: [],
      async handle() {
        most = Math.max(most, ++running);
        await pause(20);
        running--;
        return undefined;
      },
    };
    startRunner(database, { slow }, { busy: () => true });
    await until('every job to be done', () => isEmpty(database), 30_000);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(8);
  });

  it('runs the jobs of one queue key one at a time in enqueue order, other keys alongside', async () => {
    const keys = ['a', 'b'];
    const jobs = [1, 2, 3, 4, 5].flatMap((seq) =>
      keys.map((key) => ({ kind: 'step', queueKey: key, payload: { key, seq } })),
    );
    await enqueueJobs(database.db, jobs, Date.now());
    const events: string[] = [];
    // Each queue's first job holds until the other's has started: one key's turn does not hold back another.
    const bothQueuesStarted = barrier(keys.length);
    const step: JobDefinition = {
      retryDelaysMs: [],
      async handle(job) {
        const { key, seq } = payloadOf<{ key: string; seq: number }>(job);
        events.push(`${key}${seq} start`);
        await (seq === 1 ? bothQueuesStarted() : pause(5));
        events.push(`${key}${seq} end`);
        return undefined;
      },
    };
    for (const handle of databases) startRunner(handle, { step });
    await until('every job to be removed', () => isEmpty(database));
    for (const key of keys) {
      const expected = [1, 2, 3, 4, 5].flatMap((seq) => [`${key}${seq} start`, `${key}${seq} end`]);
      expect(events.filter((event) => event.startsWith(key))).toEqual(expected);
    }
  });

  it('retries a throwing handler after its delays, then keeps the job as dead with its last error', async () => {
    await enqueueJobs(database.db, [{ kind: 'fail', payload: null }], Date.now());
    const attempts: { attempt: number; at: number }[] = [];
    startRunner(database, {
      fail: {
        retryDelaysMs: [200, 10],
        async handle(job) {
          attempts.push({ attempt: job.attempt, at: Date.now() });
          throw new Error(`boom ${job.attempt}`);
        },
      },
    });
    await until('the job to be dead', async () => (await jobRows(database))[0]?.status === 'dead');
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    // A lower bound only: the retry is not due before 200 ms less the 20 % jitter.
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(160);
    const [row, ...others] = await jobRows(database);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, last_error: 'boom 3', locked_by: null });
  });

  it('runs a job again later, with the next attempt number, when its handler asks for it', async () => {
    await enqueueJobs(database.db, [{ kind: 'later', payload: null }], Date.now());
    const seen: { attempt: number; lastError: string | null }[] = [];
    startRunner(database, {
      later: {
        retryDelaysMs: [],
        async handle(job) {
          const row = await database.db
            .selectFrom('jobs')
            .select('last_error')
            .where('id', '=', job.id)
            .executeTakeFirst();
          seen.push({ attempt: job.attempt, lastError: row?.last_error ?? null });
          return job.attempt === 1 ? { retryInMs: 10, reason: 'receiver busy' } : undefined;
        },
      },
    });
    await until('the job to be removed', () => isEmpty(database));
    expect(seen).toEqual([
      { attempt: 1, lastError: null },
      { attempt: 2, lastError: 'receiver busy' },
    ]);
  });

  it("commits a job's recorded writes with its removal, and one failing record holds back only its own job", async () => {
    const payloads = ['first', 'broken', 'third'].map((name) => ({ name }));
    await enqueueJobs(
      database.db,
      payloads.map((payload) => ({ kind: 'note', payload })),
      Date.now(),
    );
    const [, broken] = await jobRows(database);
    // All three finish in the same turn, so the next round records them in one transaction that fails.
    const allStarted = barrier(payloads.length);
    const runner = startRunner(database, {
      note: {
        retryDelaysMs: [],
        async handle(job) {
          const { name } = payloadOf<{ name: string }>(job);
          await allStarted();
          return {
            async record(trx) {
              await addNote(trx, job.id, name);
              if (name === 'broken') throw new Error('cannot record');
            },
          };
        },
      },
    });
    await until('the other two to be recorded', async () => (await jobRows(database)).length === 1);
    await runner.stop();
    expect((await notes(database)).map((row) => row.note)).toEqual(['first', 'third']);
    const [left, ...others] = await jobRows(database);
    expect(others).toEqual([]);
    // Still leased by the runner that ran it: it runs again once the lease is over.
    expect(left).toMatchObject({ id: broken?.id, status: 'queued', attempts: 1 });
    expect(Number(left?.locked_until)).toBeGreaterThan(Date.now());
  });

  it('gives a lease back only once it is over', async () => {
    const start = Date.now();
    await enqueueJobs(database.db, [{ kind: 'leased', payload: null }], start);
    const claim = (worker: string, now: number) =>
      claimJobs(database.db, database.engine, { worker, now, leaseUntil: now + 1_000, limit: 10 });
    expect(await claim('killed', start)).toMatchObject([{ kind: 'leased', attempt: 1 }]);
    expect(await claim('other', start + 1_000)).toEqual([]);
    expect(await claim('other', start + 1_001)).toMatchObject([{ kind: 'leased', attempt: 2 }]);
    expect((await jobRows(database))[0]).toMatchObject({ locked_by: 'other', locked_until: start + 2_001 });
  });

  it("takes a killed process's job once its lease is over, and leaves a live lease alone", async () => {
    const now = Date.now();
    await enqueueJobs(
      database.db,
      [
        { kind: 'held', payload: 'live' },
        { kind: 'held', payload: 'expired' },
      ],
      now,
    );
    // A process that claimed both and died: one lease still runs, the other is over.
    const claimOne = (leaseUntil: number) =>
      claimJobs(database.db, database.engine, { worker: 'killed', now, leaseUntil, limit: 1 });
    const [live] = await claimOne(now + 60_000);
    await claimOne(now - 1);
    const runs: ClaimedJob[] = [];
    const runner = startRunner(database, { held: { retryDelaysMs: [], handle: async (job) => void runs.push(job) } });
    await until('the expired job to be removed', async () => (await jobRows(database)).length === 1);
    await runner.stop();
    expect(runs).toEqual([expect.objectContaining({ payload: 'expired', attempt: 2 })]);
    expect(await jobRows(database)).toEqual([expect.objectContaining({ id: live?.id, locked_by: 'killed' })]);
  });

  it('finishes the jobs in flight when stopped, and records their results', async () => {
    await enqueueJobs(database.db, [{ kind: 'slow', payload: null }], Date.now());
    let started = false;
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const runner = startRunner(database, {
      slow: {
        retryDelaysMs: [],
        async handle(job) {
          started = true;
          await finished;
          return { record: (trx) => addNote(trx, job.id, 'finished') };
        },
      },
    });
    await until('the job to start', async () => started);
    let isStopped = false;
    const stopping = runner.stop().then(() => {
      isStopped = true;
    });
    // Long enough for the loop to end: stop() must still be waiting for the handler.
    await pause(100);
    expect(isStopped).toBe(false);
    finish();
    await stopping;
    expect(await notes(database)).toEqual([expect.objectContaining({ note: 'finished' })]);
    expect(await jobRows(database)).toEqual([]);
  });
});

describe('the foreground load', () => {
  it('counts the API as saturated under hundreds of requests a second, and as calm once they stop', async () => {
    const load = new ForegroundLoad();
    expect(load.busy()).toBe(false);
    for (let i = 0; i < 2_000; i++) load.noteRequest();
    await pause(120);
    // 2,000 requests in one sample stay above 300 a second unless the sample took over 6 s.
    expect(load.busy()).toBe(true);
    await pause(120);
    expect(load.busy()).toBe(false);
  });
});
