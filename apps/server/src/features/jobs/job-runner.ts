import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { runTransaction, type Trx } from '../../db/transaction.js';
import { buryJob, type ClaimedJob, claimJobs, deleteJobs, hasDueJob, rescheduleJob } from './jobs.repository.js';

type Log = {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/**
 * What a job's handler returns: nothing (done), another attempt later, or done with writes to commit
 * together with the job's removal. Those are batched: one transaction per round for every job that
 * finished since the last (a delivery's log row and status cost a share of a commit, not a commit).
 * A crash before that commit leaves the job in place, so it runs again (at-least-once).
 */
export type JobOutcome = { retryInMs: number; reason: string } | { record: (trx: Trx) => Promise<unknown> } | undefined;

type Finished = { id: number; record?: (trx: Trx) => Promise<unknown> };

export interface JobDefinition {
  handle(job: ClaimedJob): Promise<JobOutcome>;
  /** Delays before each retry after the handler threw; past the last one the job is dead (kept, visible). */
  retryDelaysMs: readonly number[];
}

/**
 * Periodic work over the database that is not a job row (the outbox dispatch): true when more is waiting.
 * `yielding`: the API is saturated, so take a small share this round.
 */
export type Pump = (round: { yielding: boolean }) => Promise<boolean>;

const IDLE_POLL_MS = 500;
/**
 * A wake-up after a commit starts a round this much later at the earliest: under intake, commits come
 * hundreds of times a second, and a round per commit (its own transactions on SQLite's one writer)
 * halved intake. Rounds then take the outbox rows of many commits at once.
 */
const WAKE_DELAY_MS = 50;
/** After a job finishes: soon, so the next of its queue follows, but late enough to record several at once. */
const JOB_DONE_DELAY_MS = 5;
// Every handler finishes well within it (a webhook delivery times out after 10 s); a crashed process's
// jobs are taken again this long after their claim.
const LEASE_MS = 60_000;
const MAX_IN_FLIGHT = 64;
/** While the API is saturated: a round at most this often, with this many jobs in flight (still progress). */
const BUSY_ROUND_MS = 250;
const BUSY_MAX_IN_FLIGHT = 8;

/** ±20 % so that retries of many jobs that failed together do not come back together. */
const withJitter = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * Runs durable jobs (the `jobs` table) and pumps, in every process: claims are row leases, so work is
 * shared between processes and never run twice at once; a job survives restarts. Polls every 500 ms when
 * idle, at once when woken (a local commit wrote to the outbox, a job finished).
 */
export class JobRunner {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #pumps: { name: string; run: Pump }[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  /** Jobs done since the last round: recorded and deleted together at the start of the next (one transaction). */
  readonly #done: Finished[] = [];
  readonly #worker = randomUUID();
  #stopped = true;
  #loop: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  #woken = false;
  #wakeDelay = WAKE_DELAY_MS;

  constructor(
    private readonly database: Database,
    private readonly log: Log,
    private readonly foreground?: { busy(): boolean },
  ) {}

  register(kind: string, definition: JobDefinition) {
    this.#definitions.set(kind, definition);
  }

  addPump(name: string, run: Pump) {
    this.#pumps.push({ name, run });
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Finishes the jobs in flight (their results are recorded) and stops claiming new ones. */
  async stop() {
    this.#stopped = true;
    this.wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
    await this.#recordDone().catch(() => {});
  }

  wake() {
    this.#wakeAfter(WAKE_DELAY_MS);
  }

  #wakeAfter(ms: number) {
    if (this.#woken && this.#wakeDelay <= ms) return;
    this.#woken = true;
    this.#wakeDelay = ms;
    const wakeUp = this.#wakeUp;
    if (wakeUp) setTimeout(wakeUp, this.#stopped ? 0 : ms);
  }

  async #run() {
    while (!this.#stopped) {
      this.#woken = false;
      this.#wakeDelay = WAKE_DELAY_MS;
      let busy = false;
      const yielding = this.foreground?.busy() === true;
      try {
        busy = await this.#tick(yielding);
      } catch (error) {
        this.log.error({ err: error }, 'background jobs: a round failed; trying again shortly');
      }
      if (this.#stopped) break;
      if (yielding) await this.#sleep(BUSY_ROUND_MS, false);
      else if (!busy) await this.#sleep(this.#woken ? this.#wakeDelay : IDLE_POLL_MS);
    }
  }

  async #tick(yielding: boolean) {
    let busy = false;
    // Before claiming: the next job of a done job's queue becomes claimable only once it is gone.
    await this.#recordDone();
    for (const pump of this.#pumps) {
      try {
        if (await pump.run({ yielding })) busy = true;
      } catch (error) {
        this.log.warn({ err: error, pump: pump.name }, 'background jobs: a pump failed; it runs again next round');
      }
    }
    const room = (yielding ? BUSY_MAX_IN_FLIGHT : MAX_IN_FLIGHT) - this.#inFlight.size;
    if (room <= 0 || this.#stopped) return busy;
    const now = Date.now();
    if (!(await hasDueJob(this.database.db, now))) return busy;
    const jobs = await claimJobs(this.database.db, this.database.engine, {
      worker: this.#worker,
      now,
      leaseUntil: now + LEASE_MS,
      limit: room,
    });
    for (const job of jobs) {
      const running = this.#execute(job).finally(() => {
        this.#inFlight.delete(running);
        this.#wakeAfter(JOB_DONE_DELAY_MS);
      });
      this.#inFlight.add(running);
    }
    return busy || jobs.length === room;
  }

  async #execute(job: ClaimedJob) {
    const definition = this.#definitions.get(job.kind);
    const db = this.database.db;
    try {
      if (!definition) throw new Error(`no handler for job kind ${job.kind}`);
      let outcome: JobOutcome;
      try {
        outcome = await definition.handle(job);
      } catch (error) {
        const delay = definition.retryDelaysMs[job.attempt - 1];
        const reason = error instanceof Error ? error.message : String(error);
        if (delay === undefined) {
          this.log.error({ err: error, job: job.id, kind: job.kind }, 'background job failed for the last time');
          await buryJob(db, this.#worker, { id: job.id, error: reason, now: Date.now() });
        } else {
          await rescheduleJob(db, this.#worker, {
            id: job.id,
            runAt: Date.now() + withJitter(delay),
            error: reason,
            now: Date.now(),
          });
        }
        return;
      }
      if (outcome && 'retryInMs' in outcome)
        await rescheduleJob(db, this.#worker, {
          id: job.id,
          runAt: Date.now() + outcome.retryInMs,
          error: outcome.reason,
          now: Date.now(),
        });
      else this.#done.push({ id: job.id, ...(outcome ? { record: outcome.record } : {}) });
    } catch (error) {
      // Recording the result failed (the database is away): the lease runs out and the job runs again.
      this.log.error({ err: error, job: job.id }, 'background job result could not be recorded');
    }
  }

  /**
   * Commits the finished jobs' writes and removes them, all in one transaction. If that fails, each is
   * tried alone, so one bad record cannot hold back the rest; one that fails alone keeps its job, whose
   * lease runs out and which then runs again.
   */
  async #recordDone() {
    const done = this.#done.splice(0);
    if (done.length === 0) return;
    const commit = (batch: readonly Finished[]) =>
      runTransaction(this.database, async (trx) => {
        for (const job of batch) await job.record?.(trx);
        await deleteJobs(
          trx,
          this.#worker,
          batch.map((job) => job.id),
        );
      });
    try {
      await commit(done);
    } catch (error) {
      if (done.length === 1) throw error;
      for (const job of done) {
        await commit([job]).catch((failure: unknown) =>
          this.log.error({ err: failure, job: job.id }, 'background job result could not be recorded'),
        );
      }
    }
  }

  /** A sleep that a wake-up ends early, or (not `wakeable`) only a stop. */
  #sleep(ms: number, wakeable = true) {
    return new Promise<void>((resolve) => {
      // Several wake-ups may be scheduled for one sleep; only the first ends it, none ends a later sleep.
      const wakeUp = (timedOut = false) => {
        if (this.#wakeUp !== wakeUp || !(timedOut || wakeable || this.#stopped)) return;
        this.#wakeUp = undefined;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => wakeUp(true), ms);
      this.#wakeUp = wakeUp;
    });
  }
}
