import { z } from 'zod';
import { attachmentIdSchema } from './attachments.js';
import { personRefSchema, textSchema, timestampSchema } from './common.js';

export const returnReasonSchema = z.enum([
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'no_longer_needed',
  'other',
]);
export const desiredOutcomeSchema = z.enum(['refund', 'replacement', 'repair', 'store_credit']);
export type ReturnReason = z.infer<typeof returnReasonSchema>;
export type DesiredOutcome = z.infer<typeof desiredOutcomeSchema>;

/**
 * SPEC §12: `requested` → `approved` | `rejected` → `label_sent` → `received` → one of the four outcomes.
 * RETURN_MOVES below says which moves are allowed; the server refuses any other with a 409.
 */
export const returnStateSchema = z.enum([
  'requested',
  'approved',
  'rejected',
  'label_sent',
  'received',
  'refunded',
  'replaced',
  'repaired',
  'credited',
]);
export type ReturnState = z.infer<typeof returnStateSchema>;

/**
 * SPEC §12's return workflow as data: the states each state may move to. The four outcomes and a
 * rejection are final. The server decides a move by this table and the web offers its buttons from it.
 */
export const RETURN_MOVES: Readonly<Record<ReturnState, readonly ReturnState[]>> = {
  requested: ['approved', 'rejected'],
  approved: ['label_sent'],
  rejected: [],
  label_sent: ['received'],
  received: ['refunded', 'replaced', 'repaired', 'credited'],
  refunded: [],
  replaced: [],
  repaired: [],
  credited: [],
};

/** Where a return ends when it gives the customer what they asked for: a refund ends `refunded`, and so on. */
export const OUTCOME_STATE_OF = {
  refund: 'refunded',
  replacement: 'replaced',
  repair: 'repaired',
  store_credit: 'credited',
} as const satisfies Record<DesiredOutcome, ReturnState>;

/** A return asked more than this many days after delivery is flagged `late` (flagged, never refused). */
export const RETURN_WINDOW_DAYS = 30;
/** Eligibility warnings for staff: `late` (RETURN_WINDOW_DAYS), `final_sale` (the item was sold as final). */
export const returnFlagSchema = z.enum(['late', 'final_sale']);
export type ReturnFlag = z.infer<typeof returnFlagSchema>;

/** The customer's own date; "today" anywhere on Earth (up to UTC+14) is not in the future. */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
/** When the order arrived, as the customer gives it (an ISO date, YYYY-MM-DD, not in the future). */
export const deliveredAtSchema = z.iso.date().refine((date) => date <= latestToday(), 'must not be in the future');

export const returnItemSchema = z.object({
  /** As the case names it; null when the customer named no product. */
  product: z.string().nullable(),
  quantity: z.number().int().positive(),
  reason: returnReasonSchema.nullable(),
});

/** One move of a return; the reason is shown to the customer (the rejection's always has one). */
export const returnMoveSchema = z.object({
  from: returnStateSchema,
  to: returnStateSchema,
  reason: z.string().nullable(),
  actor: personRefSchema.nullable(),
  at: timestampSchema,
});

export const caseReturnSchema = z.object({
  /** The RMA number, `R-1001`, `R-1002`… */
  rma: z.string(),
  state: returnStateSchema,
  items: z.array(returnItemSchema),
  deliveredAt: z.iso.date().nullable(),
  /** Staff only (empty for the customer). */
  flags: z.array(returnFlagSchema),
  /** The return label's document (an upload), once the return is `label_sent`. */
  labelAttachmentId: z.string().nullable(),
  /** Every move, oldest first (empty while `requested`). */
  history: z.array(returnMoveSchema),
});
export type CaseReturn = z.infer<typeof caseReturnSchema>;

/** Staff move a return one step: a rejection says why; `label_sent` names the label's document. */
export const moveReturnBody = z
  .object({
    to: returnStateSchema,
    reason: textSchema(1000).optional(),
    attachmentId: attachmentIdSchema.optional(),
  })
  .superRefine((body, check) => {
    if (body.to === 'rejected' && body.reason === undefined) {
      check.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason the customer sees' });
    }
    if (body.to === 'label_sent' && body.attachmentId === undefined) {
      check.addIssue({ code: 'custom', path: ['attachmentId'], message: 'sending a label needs the label document' });
    }
    if (body.to !== 'label_sent' && body.attachmentId !== undefined) {
      check.addIssue({ code: 'custom', path: ['attachmentId'], message: 'only label_sent takes a document' });
    }
  });
export type MoveReturnBody = z.infer<typeof moveReturnBody>;
