import type { CaseReturn, ReturnFlag, ReturnState } from '@caseflow/contract';
import { type Caller, isStaff } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';
import { toIso } from '../../http/time.js';
import { listReturnRows, type ReturnRow } from './returns.repository.js';

export const rmaNumber = (returnId: number) => `R-${1000 + returnId}`;

/** Staff see the eligibility flags; the customer sees their return without them. */
export function returnAsSeenBy(caseReturn: CaseReturn, caller: Caller): CaseReturn {
  return isStaff(caller) ? caseReturn : { ...caseReturn, flags: [] };
}

/** The rows of listReturnRows (one per move, by return) as each case's return. */
function toReturns(rows: readonly ReturnRow[]) {
  const byCase = new Map<number, CaseReturn>();
  for (const row of rows) {
    let caseReturn = byCase.get(row.case_id);
    if (!caseReturn) {
      caseReturn = {
        rma: rmaNumber(row.id),
        state: row.state,
        items: JSON.parse(row.items) as CaseReturn['items'],
        deliveredAt: row.delivered_at,
        flags: JSON.parse(row.flags) as ReturnFlag[],
        labelAttachmentId: row.label_attachment_id,
        history: [],
      };
      byCase.set(row.case_id, caseReturn);
    }
    if (row.from_state === null || row.to_state === null || row.moved_at === null) continue;
    caseReturn.history.push({
      from: row.from_state as ReturnState,
      to: row.to_state as ReturnState,
      reason: row.reason,
      actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? 'Unknown' },
      at: toIso(row.moved_at),
    });
  }
  return byCase;
}

/**
 * The returns of the given cases as the caller may see them, by case id, in one query (a page of
 * cases costs one read, not one per case). A customer gets only their own cases' returns.
 */
export async function findCaseReturns(db: Db | Trx, caller: Caller, caseIds: readonly number[]) {
  if (caseIds.length === 0) return new Map<number, CaseReturn>();
  const scope = { customerId: caller.role === 'customer' ? caller.userId : null };
  const returns = toReturns(await listReturnRows(db, caseIds, scope));
  for (const [caseId, caseReturn] of returns) returns.set(caseId, returnAsSeenBy(caseReturn, caller));
  return returns;
}

/** One case's return as the caller may see it, or null when it carries none. */
export async function findCaseReturn(db: Db | Trx, caller: Caller, caseId: number) {
  return (await findCaseReturns(db, caller, [caseId])).get(caseId) ?? null;
}
