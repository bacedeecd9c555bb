import { RETURN_MOVES, returnStateSchema } from '@caseflow/contract';
import { describe, expect, it } from 'vitest';
import { canMoveReturn, isFinalReturnState, refusedReturnMove } from './return-states.js';

const states = returnStateSchema.options;

describe('the return workflow', () => {
  it('allows exactly the moves of SPEC §12', () => {
    const allowed = states.flatMap((from) =>
      states.filter((to) => canMoveReturn(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'requested→approved',
        'requested→rejected',
        'approved→label_sent',
        'label_sent→received',
        'received→refunded',
        'received→replaced',
        'received→repaired',
        'received→credited',
      ].sort(),
    );
  });

  it('ends at a rejection or an outcome, and every state but requested is reached from exactly one state', () => {
    expect(states.filter(isFinalReturnState).sort()).toEqual(
      ['rejected', 'refunded', 'replaced', 'repaired', 'credited'].sort(),
    );
    for (const state of states) {
      const sources = states.filter((from) => RETURN_MOVES[from].includes(state));
      expect(sources, state).toHaveLength(state === 'requested' ? 0 : 1);
    }
  });

  it('never allows staying in place or going back', () => {
    const order = new Map(states.map((state, index) => [state, index]));
    for (const from of states) {
      expect(canMoveReturn(from, from)).toBe(false);
      for (const to of RETURN_MOVES[from]) expect(order.get(to)).toBeGreaterThan(order.get(from) ?? Infinity);
    }
  });

  it('says why a move is refused', () => {
    expect(refusedReturnMove('requested', 'approved')).toBeUndefined();
    expect(refusedReturnMove('requested', 'received')).toBe(
      'a requested return can move to approved or rejected, not received',
    );
    expect(refusedReturnMove('refunded', 'credited')).toBe('the return is refunded: it cannot move any more');
    expect(refusedReturnMove('rejected', 'approved')).toBe('the return is rejected: it cannot move any more');
  });
});
