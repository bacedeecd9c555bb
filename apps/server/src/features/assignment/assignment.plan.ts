/** An agent with room, as the intake's lock reads it. */
export interface FreeAgent {
  user_id: number;
  active_cases: number;
  capacity: number;
  last_assigned_at: number;
}

const ranksBefore = (a: FreeAgent, b: FreeAgent) =>
  a.active_cases !== b.active_cases
    ? a.active_cases < b.active_cases
    : a.last_assigned_at !== b.last_assigned_at
      ? a.last_assigned_at < b.last_assigned_at
      : a.user_id < b.user_id;

/**
 * Rule 2 applied to `count` new cases in arrival order, exactly as if each were assigned in a
 * transaction of its own: a case goes to the agent with the fewest active cases, ties to the longest
 * wait since the last assignment, then the lowest id; that agent then holds one more case and was last
 * assigned `now`. Returns each case's agent, or null once nobody has room (that case and the rest queue).
 *
 * `agents` must be the first `count` agents rule 2 ranks among all with room (fewer when fewer have
 * room). No agent outside them can come first: before the i-th case at most i − 1 of them have been
 * given one, so at least one is untouched and still ranks above every outsider.
 */
export function planNewCases(agents: readonly FreeAgent[], count: number, now: number): (number | null)[] {
  const pool = agents.map((agent) => ({ ...agent }));
  const plan: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    let best: FreeAgent | undefined;
    for (const agent of pool) {
      if (agent.active_cases < agent.capacity && (!best || ranksBefore(agent, best))) best = agent;
    }
    if (!best) break;
    best.active_cases++;
    best.last_assigned_at = now;
    plan.push(best.user_id);
  }
  while (plan.length < count) plan.push(null);
  return plan;
}
