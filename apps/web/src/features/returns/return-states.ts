import {
  type CaseReturn,
  type DesiredOutcome,
  OUTCOME_STATE_OF,
  RETURN_WINDOW_DAYS,
  type ReturnFlag,
  type ReturnState,
} from '@caseflow/contract';

const OUTCOME_STATES: readonly ReturnState[] = Object.values(OUTCOME_STATE_OF);

const isOutcome = (state: ReturnState) => OUTCOME_STATES.includes(state);

/** A state as staff and customers read it. */
export const STATE_LABELS: Record<ReturnState, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  label_sent: 'Label sent',
  received: 'Received',
  refunded: 'Refunded',
  replaced: 'Replaced',
  repaired: 'Repaired',
  credited: 'Credited',
};

/** The button that makes each move, and the dialog's title for it. */
export const MOVE_LABELS: Record<ReturnState, string> = {
  requested: 'Back to requested',
  approved: 'Approve',
  rejected: 'Reject',
  label_sent: 'Send label',
  received: 'Mark received',
  refunded: 'Refund',
  replaced: 'Replace',
  repaired: 'Repair',
  credited: 'Give store credit',
};

/** What the customer is told in the mail, for the confirm dialog to say before the move. */
export const MOVE_MEANINGS: Record<ReturnState, string> = {
  requested: 'The return goes back to waiting for a decision.',
  approved: 'The customer is told the return is approved and that a shipping label follows.',
  rejected: 'The customer is told the return is not accepted, with your reason.',
  label_sent: 'The customer gets the label to download and print.',
  received: 'The customer is told the item has arrived and is being checked.',
  refunded: 'The customer is told they have been refunded.',
  replaced: 'The customer is told a replacement is on its way.',
  repaired: 'The customer is told the item has been repaired and sent back.',
  credited: 'The customer is told store credit has been added to their account.',
};

export const FLAG_LABELS: Record<ReturnFlag, string> = { late: 'Late', final_sale: 'Final sale' };

/** Why a flag is raised, in a sentence; never a refusal (SPEC §12), the agent decides. */
export function flagMeaning(flag: ReturnFlag, deliveredAt: string | null): string {
  if (flag === 'final_sale') return 'The item was sold as final sale; returns of it are not normally accepted.';
  const when = deliveredAt ? ` (delivered ${formatDate(deliveredAt)})` : '';
  return `Requested more than ${RETURN_WINDOW_DAYS} days after delivery${when}: outside the return window.`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
/** A calendar date (YYYY-MM-DD) as that day wherever the reader is. */
export const formatDate = (date: string) => dateFormat.format(new Date(`${date}T00:00:00Z`));

export type Step = { key: string; label: string; status: 'done' | 'current' | 'upcoming' };

const PATH: readonly ReturnState[] = ['requested', 'approved', 'label_sent', 'received'];

/**
 * The return's path as steps: requested → approved → label sent → received → the outcome (the one it
 * reached, else the one the customer asked for), or requested → rejected.
 */
export function stepsOf(caseReturn: CaseReturn, desiredOutcome: DesiredOutcome | null): Step[] {
  const { state } = caseReturn;
  if (state === 'rejected') {
    return [
      { key: 'requested', label: STATE_LABELS.requested, status: 'done' },
      { key: 'rejected', label: STATE_LABELS.rejected, status: 'current' },
    ];
  }
  // Until an outcome is reached, the last step is the one the customer asked for.
  const outcome = isOutcome(state) ? state : desiredOutcome ? OUTCOME_STATE_OF[desiredOutcome] : null;
  const path = [...PATH, outcome];
  const reached = path.indexOf(state);
  return path.map((step, index) => ({
    key: step ?? 'outcome',
    label: step ? STATE_LABELS[step] : 'Outcome',
    status: index < reached ? 'done' : index === reached ? 'current' : 'upcoming',
  }));
}

const NEXT_FOR_OUTCOME: Record<DesiredOutcome, string> = {
  refund: 'your refund',
  replacement: 'your replacement',
  repair: 'the repair',
  store_credit: 'your store credit',
};

/** The state in plain words for the customer, with what happens next. */
export function customerWords(caseReturn: CaseReturn, desiredOutcome: DesiredOutcome | null): string {
  const outcome = desiredOutcome ? NEXT_FOR_OUTCOME[desiredOutcome] : 'the outcome';
  switch (caseReturn.state) {
    case 'requested':
      return 'We have your return request and are reviewing it. We will email you once we have decided.';
    case 'approved':
      return 'We have approved your return. We will email you a shipping label.';
    case 'rejected':
      return 'We could not accept this return.';
    case 'label_sent':
      return 'Your shipping label is ready. Print it, stick it on the parcel and send the item back to us.';
    case 'received':
      return `We have received your item and are checking it. We will email you about ${outcome}.`;
    case 'refunded':
      return 'We have refunded you. The money can take a few days to show on your statement.';
    case 'replaced':
      return 'We have sent you a replacement.';
    case 'repaired':
      return 'We have repaired your item and sent it back to you.';
    case 'credited':
      return 'We have added store credit to your account.';
  }
}
