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
 * Rule 2 applied to new cases in arrival order, exactly as if each were assigned in a transaction of
 * its own: a case of team T goes to the member of T with the fewest active cases, ties to the longest
 * wait since the last assignment, then the lowest id; that agent then holds one more case and was last
 * assigned `now`. Returns each case's agent, or null when no member of its team has room (that case
 * queues; later cases of other teams still get theirs).
 *
 * `members.get(T)` must be the first `teamIds.length` members rule 2 ranks among T's members with room
 * (fewer when fewer have room); an agent in several teams is the same object in each list. No member
 * outside that list can come first for a case of T: before the i-th case at most i − 1 agents have been
 * given one, so at least one listed member is untouched and still ranks above every member not listed.
 */
export function planNewCases(
  members: ReadonlyMap<number, readonly FreeAgent[]>,
  teamIds: readonly number[],
  now: number,
): (number | null)[] {
  const copies = new Map<number, FreeAgent>();
  const pools = new Map<number, FreeAgent[]>();
  for (const [teamId, agents] of members) {
    pools.set(
      teamId,
      agents.map((agent) => {
        let copy = copies.get(agent.user_id);
        if (!copy) {
          copy = { ...agent };
          copies.set(agent.user_id, copy);
        }
        return copy;
      }),
    );
  }
  return teamIds.map((teamId) => {
    let best: FreeAgent | undefined;
    for (const agent of pools.get(teamId) ?? []) {
      if (agent.active_cases < agent.capacity && (!best || ranksBefore(agent, best))) best = agent;
    }
    if (!best) return null;
    best.active_cases++;
    best.last_assigned_at = now;
    return best.user_id;
  });
}
