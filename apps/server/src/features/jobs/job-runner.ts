import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { buryJob, type ClaimedJob, claimJobs, deleteJobs, hasDueJob, rescheduleJob } from './jobs.repository.js';

type Log = {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/** What a job's handler may ask for instead of being done: another attempt later. */
export type JobOutcome = { retryInMs: number; reason: string } | undefined;

export interface JobDefinition {
  handle(job: ClaimedJob): Promise<JobOutcome>;
  /** Delays before each retry after the handler threw; past the last one the job is dead (kept, visible). */
  retryDelaysMs: readonly number[];
}

/** Periodic work over the database that is not a job row (the outbox dispatch): true when more is waiting. */
export type Pump = () => Promise<boolean>;

const IDLE_POLL_MS = 500;
/**
 * A wake-up after a commit starts a round this much later at the earliest: under intake, commits come
 * hundreds of times a second, and a round per commit (its own transactions on SQLite's one writer)
 * halved intake. Rounds then take the outbox rows of many commits at once.
 */
const WAKE_DELAY_MS = 50;
// Every handler finishes well within it (a webhook delivery times out after 10 s); a crashed process's
// jobs are taken again this long after their claim.
const LEASE_MS = 60_000;
const MAX_IN_FLIGHT = 16;

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
  /** Jobs done since the last round: deleted together at the start of the next (one statement, not one each). */
  readonly #done: number[] = [];
  readonly #worker = randomUUID();
  #stopped = true;
  #loop: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  #woken = false;

  constructor(
    private readonly database: Database,
    private readonly log: Log,
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
    await deleteJobs(this.database.db, this.#done.splice(0)).catch(() => {});
  }

  wake() {
    if (this.#woken) return;
    this.#woken = true;
    const wakeUp = this.#wakeUp;
    if (wakeUp) setTimeout(wakeUp, this.#stopped ? 0 : WAKE_DELAY_MS);
  }

  async #run() {
    while (!this.#stopped) {
      this.#woken = false;
      let busy = false;
      try {
        busy = await this.#tick();
      } catch (error) {
        this.log.error({ err: error }, 'background jobs: a round failed; trying again shortly');
      }
      if (!busy && !this.#stopped) await this.#sleep(this.#woken ? WAKE_DELAY_MS : IDLE_POLL_MS);
    }
  }

  async #tick() {
    let busy = false;
    // Before claiming: the next job of a done job's queue becomes claimable only once it is gone.
    await deleteJobs(this.database.db, this.#done.splice(0));
    for (const pump of this.#pumps) {
      try {
        if (await pump.run()) busy = true;
      } catch (error) {
        this.log.warn({ err: error, pump: pump.name }, 'background jobs: a pump failed; it runs again next round');
      }
    }
    const room = MAX_IN_FLIGHT - this.#inFlight.size;
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
        this.wake();
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
          await buryJob(db, job.id, reason, Date.now());
        } else {
          await rescheduleJob(db, job.id, Date.now() + withJitter(delay), reason, Date.now());
        }
        return;
      }
      if (outcome) await rescheduleJob(db, job.id, Date.now() + outcome.retryInMs, outcome.reason, Date.now());
      else this.#done.push(job.id);
    } catch (error) {
      // Recording the result failed (the database is away): the lease runs out and the job runs again.
      this.log.error({ err: error, job: job.id }, 'background job result could not be recorded');
    }
  }

  #sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = () => {
        this.#wakeUp = undefined;
        done();
      };
    });
  }
}
