import { type Kysely, type Migration, Migrator } from 'kysely';
import type { Database } from './database.js';
import * as initial from './migrations/001-initial.js';
import * as caseTimeIndexes from './migrations/002-case-time-indexes.js';
import * as idempotencyKeys from './migrations/003-idempotency-keys.js';
import * as socketIoAttachments from './migrations/004-socket-io-attachments.js';
import * as scaleIndexes from './migrations/005-scale-indexes.js';
import * as agentNameIndex from './migrations/006-agent-name-index.js';
import * as queueIndexStatus from './migrations/007-queue-index-status.js';
import * as narrowWriteIndexes from './migrations/008-narrow-write-indexes.js';
import * as teams from './migrations/009-teams.js';
import * as outboxJobsWebhooks from './migrations/010-outbox-jobs-webhooks.js';
import * as mailHtml from './migrations/011-mail-html.js';
import * as triage from './migrations/012-triage.js';
import * as knowledgeBase from './migrations/013-knowledge-base.js';
import * as attachments from './migrations/014-attachments.js';
import * as returns from './migrations/015-returns.js';
import * as sla from './migrations/016-sla.js';
import * as widget from './migrations/017-widget.js';
import * as reportDays from './migrations/018-report-days.js';

type EngineMigration = { up(db: Kysely<unknown>, engine: Database['engine']): Promise<void> };

const migrations: Record<string, EngineMigration> = {
  '001-initial': initial,
  '002-case-time-indexes': caseTimeIndexes,
  '003-idempotency-keys': idempotencyKeys,
  '004-socket-io-attachments': socketIoAttachments,
  '005-scale-indexes': scaleIndexes,
  '006-agent-name-index': agentNameIndex,
  '007-queue-index-status': queueIndexStatus,
  '008-narrow-write-indexes': narrowWriteIndexes,
  '009-teams': teams,
  '010-outbox-jobs-webhooks': outboxJobsWebhooks,
  '011-mail-html': mailHtml,
  '012-triage': triage,
  '013-knowledge-base': knowledgeBase,
  '014-attachments': attachments,
  '015-returns': returns,
  '016-sla': sla,
  '017-widget': widget,
  '018-report-days': reportDays,
};

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export async function migrateToLatest(database: Database): Promise<void> {
  const provided: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    provided[name] = { up: (db) => migration.up(db, database.engine) };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => provided },
    // Pinned, or Kysely may find another schema's migration tables and skip creating its own.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((error as Error).message ?? error)}`, { cause: error });
  }
}
