import { PRIORITY_RANK, type SlaPolicy, type SlaSettings } from '@caseflow/contract';
import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';
import type { BusinessClock } from './business-time.js';
import { crossedBy, NO_STAMPS, nextAlertAt, type SlaStamps, stampsFor } from './sla.clock.js';
import * as repository from './sla.repository.js';

/** Another process's `PUT /sla` reaches this one within about this long. */
const REFRESH_MS = 2_000;

/** What an admin sees before setting anything: office hours, and no targets (no case has an SLA). */
export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  calendar: {
    timeZone: 'UTC',
    hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays: [],
  },
  policies: [],
};

/** `clock` only when some priority has targets: the Temporal polyfill is loaded then, not at boot (about 4 MB, more once zones are read). */
type Loaded = {
  settings: SlaSettings;
  updatedAt: number | null;
  clock: BusinessClock | undefined;
  byRank: Map<number, SlaPolicy>;
};

const isRunning = (status: string) => status === 'new' || status === 'open';

/**
 * SPEC §13's clocks: the settings (kept in memory, refreshed every couple of seconds so intake reads
 * no row for them), the stamps of a new case, and the clock's moves when a case's status or priority
 * changes. The assignment scope calls `reconcile` for every case whose status or priority it changed,
 * so every way a case moves (reply, resolve, reopen, away, transfer…) keeps its clock right.
 */
export class SlaService {
  #loaded: Loaded | undefined;
  #loadedAt = 0;
  #loading: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** Loads the settings on first use; afterwards refreshes them in the background when they are old. */
  async ready(): Promise<void> {
    if (this.#loaded && Date.now() - this.#loadedAt < REFRESH_MS) return;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    if (!this.#loaded) await this.#loading;
    else this.#loading.catch(() => {});
  }

  async #load(db: Db | Trx = this.db) {
    const stored = await repository.findSlaSettings(db);
    await this.#use(stored?.settings ?? DEFAULT_SLA_SETTINGS, stored?.updatedAt ?? null);
  }

  async #use(settings: SlaSettings, updatedAt: number | null) {
    const clock =
      settings.policies.length === 0
        ? undefined
        : (await import('./business-time.js')).businessClock(settings.calendar);
    this.#loaded = {
      settings,
      updatedAt,
      clock,
      byRank: new Map(settings.policies.map((policy) => [PRIORITY_RANK[policy.priority], policy])),
    };
    this.#loadedAt = Date.now();
  }

  async current() {
    await this.ready();
    const loaded = this.#loaded as Loaded;
    return { settings: loaded.settings, updatedAt: loaded.updatedAt };
  }

  async save(settings: SlaSettings, now: number) {
    await repository.saveSlaSettings(this.db, settings, now);
    await this.#use(settings, now);
  }

  /** A new case's due times (none before `ready()` or without a policy for its priority). */
  stampNew(priorityRank: number, createdAt: number): SlaStamps {
    const loaded = this.#loaded;
    if (!loaded) return NO_STAMPS;
    return stampsFor(loaded.byRank.get(priorityRank), loaded.clock, createdAt, 0);
  }

  /**
   * Brings the clocks of cases whose status or priority changed in this transaction up to date: a
   * clock stops when its case waits (pending) or is resolved, and starts again, the stopped business
   * time added, when it is new or open again; a running clock is restamped (a new priority's targets).
   * A crossing the timer raised stays raised while it still stands, so no breach is announced twice.
   */
  async reconcile(trx: Trx, caseIds: readonly number[], now: number) {
    if (caseIds.length === 0) return;
    // Never wait on this.db here: on SQLite its one connection is this transaction's, so a first load
    // reads through the transaction (a later refresh runs in the background, after the commit).
    if (this.#loaded) await this.ready();
    else await this.#load(trx);
    const loaded = this.#loaded as Loaded;
    for (const row of await repository.findClocks(trx, caseIds)) {
      const changes = this.#clockAfter(loaded, row, now);
      if (changes) await repository.updateClock(trx, row, changes);
    }
  }

  #clockAfter(loaded: Loaded, row: repository.ClockRow, now: number): repository.ClockChanges | undefined {
    if (!isRunning(row.status)) {
      if (row.sla_paused_at !== null || row.sla_resolution_due_at === null) return undefined;
      return { sla_paused_at: now, sla_next_alert_at: null };
    }
    const { clock } = loaded;
    // Without a clock no priority has targets: the stamps below are none and the pause does not count.
    const pausedMs =
      row.sla_paused_ms + (row.sla_paused_at === null || !clock ? 0 : clock.between(row.sla_paused_at, now));
    const firstResponded = row.first_response_at !== null;
    const stamps = stampsFor(loaded.byRank.get(row.priority), loaded.clock, row.created_at, pausedMs);
    const alerts = standingAlerts(row.sla_alerts, stamps, now);
    const next = { ...stamps, sla_next_alert_at: nextAlertAt(stamps, { firstResponded, alerts }) };
    const changes = { ...next, sla_paused_at: null, sla_paused_ms: pausedMs, sla_alerts: alerts };
    const same = (Object.keys(changes) as (keyof typeof changes)[]).every((key) => row[key] === changes[key]);
    return same ? undefined : changes;
  }
}

/** The raised alerts whose crossing still lies in the past under the new stamps (none is raised twice). */
const standingAlerts = (alerts: number, stamps: SlaStamps, now: number) => alerts & crossedBy(stamps, false, now);
