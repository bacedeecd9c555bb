import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AttachmentsTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertAttachment(db: Db, row: Insertable<AttachmentsTable>) {
  await db.insertInto('attachments').values(row).execute();
}

export function findAttachmentRow(db: Db | Trx, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Attaches the uploader's own unattached uploads to a message, in the message's transaction; returns how
 * many it took (fewer than asked: one was someone else's, unknown or already attached).
 */
export async function claimUploads(
  trx: Trx,
  claim: {
    ids: readonly string[];
    uploaderId: number;
    caseId: number;
    /** Null for a file of the case itself (a return's label), not of a message. */
    messageId: number | null;
    internal: boolean;
    now: number;
  },
): Promise<number> {
  if (claim.ids.length === 0) return 0;
  const result = await trx
    .updateTable('attachments')
    .set({
      case_id: claim.caseId,
      message_id: claim.messageId,
      is_internal: claim.internal ? 1 : 0,
      attached_at: claim.now,
    })
    .where('id', 'in', [...claim.ids])
    .where('uploader_id', '=', claim.uploaderId)
    .where('attached_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listForMessages(db: Db, messageIds: readonly number[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'name', 'size', 'content_type', 'thumbnail_key'])
    .where('message_id', 'in', [...messageIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Files of the messages, the cases or the users being deleted: their rows go, and the keys are returned. */
export async function deleteAttachmentRows(
  trx: Db | Trx,
  of: { messageIds?: readonly number[]; uploaderId?: number; unattachedBefore?: number },
) {
  let query = trx.deleteFrom('attachments');
  if (of.messageIds) query = query.where('message_id', 'in', of.messageIds.length ? [...of.messageIds] : [-1]);
  if (of.uploaderId !== undefined) query = query.where('uploader_id', '=', of.uploaderId);
  if (of.unattachedBefore !== undefined)
    query = query.where('attached_at', 'is', null).where('created_at', '<', of.unattachedBefore);
  return query.returning(['storage_key', 'thumbnail_key']).execute();
}
