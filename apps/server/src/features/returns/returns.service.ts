import type { Case, MoveReturnBody } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import type { Trx } from '../../db/transaction.js';
import { conflict, invalid } from '../../http/app-error.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import { attachCaseDocument } from '../attachments/index.js';
import { assertCaseVisible, getCase } from '../cases/cases.service.js';
import { refusedReturnMove } from './return-states.js';
import { rmaNumber } from './returns.read.js';
import * as repository from './returns.repository.js';

const NO_RETURN = 'this case carries no return: its customer asked for no refund, replacement, repair or credit';

/**
 * Security boundary: the label a staff member sends must be their own upload, not attached anywhere
 * yet; it becomes the case's file, which the case's customer may then download. Returns the id to store.
 */
export async function assertLabelAttachment(
  trx: Trx,
  caller: Caller,
  caseId: number,
  attachmentId: string | undefined,
): Promise<string> {
  // Its form is the contract's (attachmentIdSchema); whether it may be attached is checked here.
  if (attachmentId === undefined) throw invalid('attachmentId', 'sending a label needs the label document');
  // The staff member's own upload becomes the case's file, so the customer can download the label.
  await attachCaseDocument(trx, { id: attachmentId, uploaderId: caller.userId, caseId, now: Date.now() });
  return attachmentId;
}

/**
 * SPEC §12: staff move a case's return one step, as RETURN_MOVES allows (409 otherwise, and for a case
 * that carries no return). The move is logged, sent as `return.updated` and mailed to the customer, all
 * from this transaction. Answers the case as the caller sees it.
 */
export async function moveReturn(ctx: AppContext, caller: Caller, caseId: number, body: MoveReturnBody): Promise<Case> {
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'return_moved' }, async (scope) => {
    const { customerId } = await assertCaseVisible(ctx, caller, caseId, scope.trx);
    const current = await repository.lockReturnOfCase(scope.trx, scope.engine, caseId);
    if (!current) throw conflict(NO_RETURN, 'to');
    const refused = refusedReturnMove(current.state, body.to);
    if (refused) throw conflict(refused, 'to');
    const labelAttachmentId =
      body.to === 'label_sent' ? await assertLabelAttachment(scope.trx, caller, caseId, body.attachmentId) : undefined;
    const reason = body.reason ?? null;
    await repository.moveReturn(scope.trx, {
      returnId: current.id,
      from: current.state,
      to: body.to,
      reason,
      actorId: caller.userId,
      labelAttachmentId,
      now: scope.now,
    });
    const rma = rmaNumber(current.id);
    scope.record({ type: 'return.state_changed', caseId, from: current.state, to: body.to, reason });
    // Realtime readers of the case refetch it; integrations hear the move itself (and mail goes out from it).
    scope.publish({ name: 'case.updated', caseId, customerId });
    scope.emit({ name: 'return.updated', caseId, data: { rma, from: current.state, to: body.to, reason } });
  });
  return getCase(ctx, caller, caseId);
}
