import type { ReturnState } from '@caseflow/contract';

/**
 * SPEC §12's return workflow as data: the states each state may move to. The four outcomes and a
 * rejection are final. This table is the only place that decides a move; everything else asks it.
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

export const canMoveReturn = (from: ReturnState, to: ReturnState) => RETURN_MOVES[from].includes(to);

export const isFinalReturnState = (state: ReturnState) => RETURN_MOVES[state].length === 0;

/** Why a move is refused, in words for the 409's detail; undefined when the table allows it. */
export function refusedReturnMove(from: ReturnState, to: ReturnState): string | undefined {
  if (canMoveReturn(from, to)) return undefined;
  if (isFinalReturnState(from)) return `the return is ${from}: it cannot move any more`;
  return `a ${from} return can move to ${RETURN_MOVES[from].join(' or ')}, not ${to}`;
}
