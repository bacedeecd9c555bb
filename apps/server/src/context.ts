import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { SessionCache } from './features/accounts/session-cache.js';
import type { FileStorage } from './features/attachments/index.js';
import type { KbSearch } from './features/kb/index.js';
import type { Mailer } from './features/mail/mailer.js';
import type { Metrics } from './features/observability/metrics.js';
import type { EventBus } from './features/realtime/event-bus.js';
import type { SlaService } from './features/sla/index.js';
import type { TriageEngine } from './features/triage/index.js';

/** What every service needs, built once at boot and passed explicitly (no globals). */
export interface AppContext {
  config: Config;
  database: Database;
  mailer: Mailer;
  bus: EventBus;
  metrics: Metrics;
  sessions: SessionCache;
  /** Encrypts secrets kept in the database (webhook signing secrets): SECRET_KEY or a key file in DATA_DIR. */
  secretKey: Buffer;
  /** Tells this process's background runner there is new work (a commit wrote to the outbox). */
  jobs: { wake(): void };
  /** This process's triage model (SPEC §9), trained on first use (the server starts it at boot). */
  triage: TriageEngine;
  /** This process's search index of published help articles (SPEC §10), built on first use. */
  kb: KbSearch;
  /** Where attachments' bytes are kept (SPEC §12): DATA_DIR/uploads. */
  files: FileStorage;
  /** SLA settings and clocks (SPEC §13), the settings kept in memory. */
  sla: SlaService;
}

export type Role = 'customer' | 'agent' | 'admin';

/** The authenticated user behind a request; every data access takes it. */
export interface Caller {
  userId: number;
  role: Role;
  sessionId: number;
  /** A chat widget's guest (SPEC §14): the one case its token opens; no other case is visible to it. */
  caseId?: number;
}

export const isStaff = (caller: Caller) => caller.role === 'agent' || caller.role === 'admin';
