import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FreeAgent, planNewCases } from './assignment.plan.js';

const NOW = 10_000;
const key = (agent: FreeAgent) => [agent.active_cases, agent.last_assigned_at, agent.user_id] as const;
const compare = (a: FreeAgent, b: FreeAgent) => {
  const [x, y] = [key(a), key(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The reference: one case at a time, each time rule 2 over every agent (not only the first few). */
function oneByOne(agents: FreeAgent[], count: number) {
  const pool = agents.map((agent) => ({ ...agent }));
  return Array.from({ length: count }, () => {
    const best = pool.filter((agent) => agent.active_cases < agent.capacity).sort(compare)[0];
    if (!best) return null;
    best.active_cases++;
    best.last_assigned_at = NOW;
    return best.user_id;
  });
}

const agentsArbitrary = fc
  .uniqueArray(
    fc.record({
      user_id: fc.integer({ min: 1, max: 500 }),
      capacity: fc.integer({ min: 1, max: 4 }),
      active_cases: fc.integer({ min: 0, max: 4 }),
      last_assigned_at: fc.integer({ min: 0, max: 6 }).map((step) => step * 1_000),
    }),
    { selector: (agent) => agent.user_id, maxLength: 25 },
  )
  .map((agents) => agents.map((agent) => ({ ...agent, active_cases: Math.min(agent.active_cases, agent.capacity) })));

describe('planNewCases', () => {
  it('assigns a batch exactly as one case at a time would, from only the first `count` agents rule 2 ranks', () => {
    fc.assert(
      fc.property(agentsArbitrary, fc.integer({ min: 1, max: 40 }), (agents, count) => {
        const locked = agents
          .filter((agent) => agent.active_cases < agent.capacity)
          .sort(compare)
          .slice(0, count);
        expect(planNewCases(locked, count, NOW)).toEqual(oneByOne(agents, count));
      }),
      { numRuns: 500 },
    );
  });

  it('spreads cases over the least loaded, fills nobody beyond capacity and queues the rest', () => {
    const agents = [
      { user_id: 7, active_cases: 1, capacity: 2, last_assigned_at: 0 },
      { user_id: 3, active_cases: 0, capacity: 1, last_assigned_at: 5_000 },
      { user_id: 9, active_cases: 0, capacity: 3, last_assigned_at: 1_000 },
    ];
    expect(planNewCases(agents, 6, NOW)).toEqual([9, 3, 7, 9, 9, null]);
    expect(agents[0]?.active_cases).toBe(1); // the caller's rows are left as they were
  });
});
