import type { Db } from '../../db/database.js';

export async function insertMail(
  db: Db,
  mail: { to: string; subject: string; text: string; html?: string | undefined; now: number },
) {
  const row = await db
    .insertInto('mail')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      created_at: mail.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markMailSent(db: Db, id: number, now: number) {
  await db.updateTable('mail').set({ sent_at: now }).where('id', '=', id).execute();
}

/** Newest first. */
export function listMail(db: Db, options: { limit: number; beforeId: number | undefined }) {
  let query = db
    .selectFrom('mail')
    .select(['id', 'to_address', 'subject', 'text', 'html', 'created_at', 'sent_at'])
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
