import type { CreateMessageBody, Message } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { isStaff } from '../../context.js';
import { runTransaction } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../http/app-error.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { toIso } from '../../http/time.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import { attachmentsByMessage, attachUploads, deleteAttachmentsOf } from '../attachments/index.js';
import { assertCaseVisible, markFirstResponse } from '../cases/cases.service.js';
import * as repository from './conversation.repository.js';

function toMessage(row: repository.MessageRow, attachments: Message['attachments'] = []): Message {
  return {
    id: row.id,
    caseId: row.case_id,
    author: { id: row.author_id, name: row.author_name, role: row.author_role },
    body: row.body,
    internal: row.visibility === 'internal',
    createdAt: toIso(row.created_at),
    attachments,
  };
}

export async function listMessages(
  ctx: AppContext,
  caller: Caller,
  caseId: number,
  query: { limit: number; cursor?: string | undefined },
) {
  await assertCaseVisible(ctx, caller, caseId);
  const rows = await repository.listMessageRows(ctx.database.db, {
    caseId,
    includeInternal: isStaff(caller),
    afterId: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const attachments = await attachmentsByMessage(
    ctx,
    rows.map((row) => row.id),
  );
  return toPage(rows, query.limit, (row) => toMessage(row, attachments.get(row.id)));
}

/**
 * One message as background mail needs it (SPEC §11), read by the system: there is no caller, so
 * this is never reached from a route. Undefined once the message was deleted.
 */
export async function getMessageForNotification(ctx: AppContext, caseId: number, messageId: number) {
  const row = await repository.findMessageRow(ctx.database.db, caseId, messageId);
  if (!row) return undefined;
  return {
    body: row.body,
    internal: row.visibility === 'internal',
    author: { id: row.author_id, name: row.author_name, role: row.author_role },
  };
}

export async function postMessage(
  ctx: AppContext,
  caller: Caller,
  caseId: number,
  body: CreateMessageBody,
): Promise<Message> {
  if (body.internal && !isStaff(caller)) throw forbidden('only agents and admins write internal notes');
  // Runs through the assignment entry point: the first reply changes whether `away` may requeue the case.
  const messageId = await runAssignment(ctx, { actorId: caller.userId, trigger: 'message' }, async (scope) => {
    const current = await assertCaseVisible(ctx, caller, caseId, scope.trx);
    const id = await repository.insertMessage(scope.trx, {
      case_id: caseId,
      author_id: caller.userId,
      body: body.body,
      visibility: body.internal ? 'internal' : 'public',
      created_at: scope.now,
    });
    if (body.attachmentIds?.length) {
      await attachUploads(scope.trx, {
        ids: body.attachmentIds,
        uploaderId: caller.userId,
        caseId,
        messageId: id,
        internal: body.internal,
        now: scope.now,
      });
    }
    if (isStaff(caller) && !body.internal && current.firstResponseAt === null) {
      await markFirstResponse(scope.trx, caseId, scope.now);
    }
    scope.publish({
      name: 'message.created',
      caseId,
      customerId: current.customerId,
      internal: body.internal,
      messageId: id,
    });
    return id;
  });
  const row = await repository.findMessageRow(ctx.database.db, caseId, messageId);
  if (!row) throw notFound('message');
  return toMessage(row, (await attachmentsByMessage(ctx, [messageId])).get(messageId));
}

/** Authors delete their own messages, never the first one (the case's description). */
export async function deleteMessage(ctx: AppContext, caller: Caller, caseId: number, messageId: number) {
  await assertCaseVisible(ctx, caller, caseId);
  const removeFiles = await runTransaction(ctx.database, async (trx) => {
    const row = await repository.findMessageRow(trx, caseId, messageId);
    if (!row || (row.visibility === 'internal' && !isStaff(caller))) throw notFound('message');
    if (row.author_id !== caller.userId) throw forbidden('only its author can delete a message');
    if ((await repository.firstMessageId(trx, caseId)) === messageId) {
      throw conflict('the first message is the case description and cannot be deleted');
    }
    const removeFiles = await deleteAttachmentsOf(ctx, trx, { messageIds: [messageId] });
    await repository.deleteMessageRow(trx, messageId);
    return removeFiles;
  });
  // After the commit: a rolled-back deletion must still find its files.
  await removeFiles();
}
