import type { Mail } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { listMail } from './mail.repository.js';

/** The outbox, newest first: how admins read mail when no SMTP server is configured. */
export async function listOutbox(ctx: AppContext, query: { limit: number; cursor?: string | undefined }) {
  const rows = await listMail(ctx.database.db, { limit: query.limit, beforeId: decodeCursor(query.cursor) });
  return toPage(
    rows,
    query.limit,
    (row): Mail => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text: row.text,
      html: row.html,
      createdAt: toIso(row.created_at),
      sentAt: toIsoOrNull(row.sent_at),
    }),
  );
}
