import { type CaseReturn, type DesiredOutcome, deliveredAtSchema, type ReturnReason } from '@caseflow/contract';
import type { Trx } from '../../db/transaction.js';
import { invalid } from '../../http/app-error.js';
import { returnFlags } from './return-eligibility.js';
import { rmaNumber } from './returns.read.js';
import { insertReturns, type NewReturn } from './returns.repository.js';

/** What the returns stage reads of a new case, and what it sets. */
export interface ReturnableCase {
  desiredOutcome: DesiredOutcome | null;
  product: string | null;
  reason: ReturnReason | null;
  deliveredAt: string | null;
  finalSale: boolean;
  /** The written case (the stage runs after intake's write). */
  row: { id: number } | undefined;
  /** Set here: the new return, whole (flags included: the reply hides them from the customer). */
  caseReturn: CaseReturn | null;
}

/**
 * Intake's returns stage (SPEC §12): every new case with a desired outcome gets its return, `requested`,
 * with its item and eligibility flags. One insert for the whole batch, none without a desired outcome.
 */
export async function openReturnsForNewCases(trx: Trx, cases: ReturnableCase[], now: number) {
  const wanted = cases.filter((draft) => draft.desiredOutcome !== null && draft.row !== undefined);
  if (wanted.length === 0) return;
  const rows: NewReturn[] = [];
  const views: Omit<CaseReturn, 'rma'>[] = [];
  for (const draft of wanted) {
    // Every door's input, not only the API's: the same rule as the contract's.
    if (draft.deliveredAt !== null && !deliveredAtSchema.safeParse(draft.deliveredAt).success) {
      throw invalid('deliveredAt', 'must be a date (YYYY-MM-DD), not in the future');
    }
    const items = [{ product: draft.product, quantity: 1, reason: draft.reason }];
    const flags = returnFlags({ ...draft, requestedAt: now });
    views.push({
      state: 'requested',
      items,
      deliveredAt: draft.deliveredAt,
      flags,
      labelAttachmentId: null,
      history: [],
    });
    rows.push({
      case_id: draft.row?.id ?? 0,
      state: 'requested',
      items: JSON.stringify(items),
      delivered_at: draft.deliveredAt,
      flags: JSON.stringify(flags),
      label_attachment_id: null,
      created_at: now,
      updated_at: now,
    });
  }
  const inserted = await insertReturns(trx, rows);
  const returnIdOf = new Map(inserted.map((row) => [row.case_id, row.id]));
  for (const [i, draft] of wanted.entries()) {
    const returnId = returnIdOf.get(draft.row?.id ?? 0);
    const view = views[i];
    if (returnId === undefined || !view) throw new Error(`case ${draft.row?.id}: its return was not written`);
    draft.caseReturn = { rma: rmaNumber(returnId), ...view };
  }
}
