import type { Trx } from '../../db/transaction.js';
import * as repository from './conversation.repository.js';

/**
 * Messages written inside another feature's transaction (a new case's description, a transfer's
 * note). Kept apart from the conversation service, which reads cases, so that intake can use it
 * without an import cycle.
 */
export async function addFirstMessages(
  trx: Trx,
  messages: { caseId: number; authorId: number; body: string; now: number }[],
) {
  await repository.insertMessages(
    trx,
    messages.map(({ caseId, authorId, body, now }) => ({
      case_id: caseId,
      author_id: authorId,
      body,
      visibility: 'public' as const,
      created_at: now,
    })),
  );
}

/** A staff member's internal note, e.g. why a case was transferred. */
export async function addInternalNote(trx: Trx, note: { caseId: number; authorId: number; body: string; now: number }) {
  await repository.insertMessages(trx, [
    { case_id: note.caseId, author_id: note.authorId, body: note.body, visibility: 'internal', created_at: note.now },
  ]);
}

/** The id of a case's first message (its description), inside the transaction that wrote it. */
export async function firstMessageOf(trx: Trx, caseId: number): Promise<number> {
  const id = await repository.firstMessageId(trx, caseId);
  if (id === undefined) throw new Error(`case ${caseId} has no first message`);
  return id;
}
