import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureAdmin } from './features/accounts/accounts.service.js';
import { SessionCache } from './features/accounts/session-cache.js';
import { settleQueue } from './features/assignment/assignment.engine.js';
import { localDiskStorage } from './features/attachments/index.js';
import { KbSearch } from './features/kb/index.js';
import { createMailer } from './features/mail/mailer.js';
import { createMetrics } from './features/observability/metrics.js';
import { EventBus } from './features/realtime/event-bus.js';
import { SlaService } from './features/sla/index.js';
import { listCorrectedCases, TriageEngine } from './features/triage/index.js';
import { loadSecretKey } from './features/webhooks/signing-secret.js';

type Log = { error(details: object, message: string): void; warn?(message: string): void };

/** Opens and migrates the database and wires the services: shared by the server, scripts and tests. */
export async function createContext(config: Config, options: { log: Log; database?: Database }): Promise<AppContext> {
  const database = options.database ?? openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database);
  const bus = new EventBus();
  const triage = new TriageEngine(() => listCorrectedCases(database.db), options.log);
  const ctx: AppContext = {
    config,
    database,
    mailer: createMailer({ database, smtpUrl: config.smtpUrl, from: config.mailFrom, log: options.log }),
    bus,
    metrics: createMetrics(),
    sessions: new SessionCache(bus, database.notifications),
    secretKey: loadSecretKey(config),
    // Replaced by the background runner when the app starts one (scripts and tools run none).
    jobs: { wake() {} },
    triage,
    kb: new KbSearch(database.db, triage),
    files: localDiskStorage(config.dataDir),
    sla: new SlaService(database.db),
  };
  // A process killed between a commit and its settle step (PostgreSQL) leaves that drain owed: pay it now.
  await settleQueue(ctx);
  if ((await ensureAdmin(ctx)) === 'missing') {
    options.log.warn?.(
      'No admin account yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run `npm run seed:demo` for a demo admin.',
    );
  }
  return ctx;
}
