import type { Case, CaseReturn, ReturnState } from '@caseflow/contract';
import { openCase } from './team-fixtures';

/** Return R-1001 of case C-0007: a blender that arrived cracked, refund wanted. */
export const requestedReturn: CaseReturn = {
  rma: 'R-1001',
  state: 'requested',
  items: [{ product: 'Blender X2', quantity: 1, reason: 'damaged' }],
  deliveredAt: '2025-01-20',
  flags: [],
  labelAttachmentId: null,
  history: [],
};

const staff = { id: 2, name: 'Alex Agent' };
const WAY: ReturnState[] = ['requested', 'approved', 'label_sent', 'received'];

/** Case C-0007 carrying a return in `state`, with the history that led there (a day per move). */
export function caseWithReturn(state: ReturnState, extra: Partial<CaseReturn> = {}): Case {
  const reached = WAY.indexOf(state);
  const path: ReturnState[] =
    state === 'rejected' ? ['requested', 'rejected'] : reached >= 0 ? WAY.slice(0, reached + 1) : [...WAY, state];
  const history = path.slice(1).map((to, index) => ({
    from: path[index] as ReturnState,
    to,
    reason: to === 'rejected' ? 'Bought over a year ago, past our return window.' : null,
    actor: staff,
    at: `2025-02-0${index + 2}T10:00:00.000Z`,
  }));
  return {
    ...openCase,
    product: 'Blender X2',
    reason: 'damaged',
    desiredOutcome: 'refund',
    return: {
      ...requestedReturn,
      state,
      history,
      labelAttachmentId: path.includes('label_sent') ? 'label-upload-000000001' : null,
      ...extra,
    },
  };
}
