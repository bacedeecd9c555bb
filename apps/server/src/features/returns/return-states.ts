import { RETURN_MOVES, type ReturnState } from '@caseflow/contract';

/** Move questions asked of the contract's RETURN_MOVES, the one table that decides a return's moves. */
export const canMoveReturn = (from: ReturnState, to: ReturnState) => RETURN_MOVES[from].includes(to);

export const isFinalReturnState = (state: ReturnState) => RETURN_MOVES[state].length === 0;

/** Why a move is refused, in words for the 409's detail; undefined when the table allows it. */
export function refusedReturnMove(from: ReturnState, to: ReturnState): string | undefined {
  if (canMoveReturn(from, to)) return undefined;
  if (isFinalReturnState(from)) return `the return is ${from}: it cannot move any more`;
  return `a ${from} return can move to ${RETURN_MOVES[from].join(' or ')}, not ${to}`;
}
