import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FreeAgent, planNewCases, planNewCasesReading } from './assignment.plan.js';

const NOW = 10_000;
const TEAMS = [1, 2, 3, 4];
const key = (agent: FreeAgent) => [agent.active_cases, agent.last_assigned_at, agent.user_id] as const;
const compare = (a: FreeAgent, b: FreeAgent) => {
  const [x, y] = [key(a), key(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

interface Member extends FreeAgent {
  teams: number[];
}

/** The reference: one case at a time, each time rule 2 over every member of the case's team (not only the first few). */
function oneByOne(agents: Member[], teamIds: number[]) {
  const pool = agents.map((agent) => ({ ...agent }));
  return teamIds.map((teamId) => {
    const best = pool
      .filter((agent) => agent.teams.includes(teamId) && agent.active_cases < agent.capacity)
      .sort(compare)[0];
    if (!best) return null;
    best.active_cases++;
    best.last_assigned_at = NOW;
    return best.user_id;
  });
}

/** What intake's lock reads: per team of the batch, the first `count` members with room by rule 2, as shared rows. */
function lockedMembers(agents: Member[], teamIds: number[]) {
  const rows = new Map(agents.map((agent) => [agent.user_id, agent as FreeAgent]));
  const members = new Map<number, FreeAgent[]>();
  for (const teamId of new Set(teamIds)) {
    const first = agents
      .filter((agent) => agent.teams.includes(teamId) && agent.active_cases < agent.capacity)
      .sort(compare)
      .slice(0, teamIds.length)
      .map((agent) => rows.get(agent.user_id) as FreeAgent);
    members.set(teamId, first);
  }
  return members;
}

const agentsArbitrary = fc
  .uniqueArray(
    fc.record({
      user_id: fc.integer({ min: 1, max: 500 }),
      capacity: fc.integer({ min: 1, max: 4 }),
      active_cases: fc.integer({ min: 0, max: 4 }),
      last_assigned_at: fc.integer({ min: 0, max: 6 }).map((step) => step * 1_000),
      // One, two or three teams each (the default team is 1 and holds most agents).
      teams: fc.uniqueArray(fc.constantFrom(...TEAMS), { minLength: 1, maxLength: 3 }),
    }),
    { selector: (agent) => agent.user_id, maxLength: 25 },
  )
  .map((agents) => agents.map((agent) => ({ ...agent, active_cases: Math.min(agent.active_cases, agent.capacity) })));
const batchArbitrary = fc.array(fc.constantFrom(...TEAMS), { minLength: 1, maxLength: 40 });

describe('planNewCases', () => {
  it('assigns a batch over several teams exactly as one case at a time would, from only the first members each team ranks', () => {
    fc.assert(
      fc.property(agentsArbitrary, batchArbitrary, (agents, teamIds) => {
        expect(planNewCases(lockedMembers(agents, teamIds), teamIds, NOW).agents).toEqual(oneByOne(agents, teamIds));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reading only a few members per team (and more when a team runs out) gives the same outcome', async () => {
    await fc.assert(
      fc.asyncProperty(agentsArbitrary, batchArbitrary, async (agents, teamIds) => {
        const rows = new Map(agents.map((agent) => [agent.user_id, agent as FreeAgent]));
        let reads = 0;
        const read = async (teamId: number, limit: number) => {
          reads++;
          return agents
            .filter((agent) => agent.teams.includes(teamId) && agent.active_cases < agent.capacity)
            .sort(compare)
            .slice(0, limit)
            .map((agent) => rows.get(agent.user_id) as FreeAgent);
        };
        expect(await planNewCasesReading(teamIds, NOW, read)).toEqual(oneByOne(agents, teamIds));
        expect(reads).toBeLessThanOrEqual(2 * new Set(teamIds).size);
      }),
      { numRuns: 1_000 },
    );
  });

  it('with one team holding every agent, is SPEC §2 rule 2 unchanged', () => {
    fc.assert(
      fc.property(agentsArbitrary, fc.integer({ min: 1, max: 40 }), (agents, count) => {
        const everyone = agents.map((agent) => ({ ...agent, teams: [1] }));
        const teamIds = Array.from({ length: count }, () => 1);
        expect(planNewCases(lockedMembers(everyone, teamIds), teamIds, NOW).agents).toEqual(
          oneByOne(everyone, teamIds),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('spreads cases over the least loaded, fills nobody beyond capacity and queues the rest', () => {
    const agents = [
      { user_id: 7, active_cases: 1, capacity: 2, last_assigned_at: 0 },
      { user_id: 3, active_cases: 0, capacity: 1, last_assigned_at: 5_000 },
      { user_id: 9, active_cases: 0, capacity: 3, last_assigned_at: 1_000 },
    ];
    expect(planNewCases(new Map([[1, agents]]), [1, 1, 1, 1, 1, 1], NOW).agents).toEqual([9, 3, 7, 9, 9, null]);
    expect(agents[0]?.active_cases).toBe(1); // the caller's rows are left as they were
  });

  it('a case whose team has nobody free queues without holding back the next team’s case', () => {
    const shared = { user_id: 5, active_cases: 0, capacity: 1, last_assigned_at: 0 };
    const billingOnly = { user_id: 6, active_cases: 0, capacity: 1, last_assigned_at: 0 };
    const members = new Map([
      [1, [shared]],
      [2, [shared, billingOnly]],
    ]);
    // The shared agent takes the first case of team 1; team 1's second case queues; team 2 still gets agent 6.
    expect(planNewCases(members, [1, 1, 2], NOW).agents).toEqual([5, null, 6]);
  });
});
