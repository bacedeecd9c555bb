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
 * `members.get(T)` must be the first members rule 2 ranks among T's members with room (an agent in
 * several teams is the same object in each list); `truncated` names the teams whose list stopped at a
 * limit rather than at the last member with room. A listed member no case of the batch has touched yet
 * ranks above every member not listed, so while a truncated list still holds an untouched member with
 * room, its best member is the team's best. When one does not, the team is returned in `exhausted`: the
 * caller reads more of that team and plans again (the plan is then not to be used).
 */
export function planNewCases(
  members: ReadonlyMap<number, readonly FreeAgent[]>,
  teamIds: readonly number[],
  now: number,
  truncated: ReadonlySet<number> = new Set(),
): { agents: (number | null)[]; exhausted: Set<number> } {
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
  const touched = new Set<number>();
  const exhausted = new Set<number>();
  const agents = teamIds.map((teamId) => {
    let best: FreeAgent | undefined;
    let hasUntouched = false;
    for (const agent of pools.get(teamId) ?? []) {
      if (agent.active_cases >= agent.capacity) continue;
      if (!touched.has(agent.user_id)) hasUntouched = true;
      if (!best || ranksBefore(agent, best)) best = agent;
    }
    if (truncated.has(teamId) && !hasUntouched) exhausted.add(teamId);
    if (!best) return null;
    best.active_cases++;
    best.last_assigned_at = now;
    touched.add(best.user_id);
    return best.user_id;
  });
  return { agents, exhausted };
}

/** Members read beyond a team's own cases in a batch, so that other teams' cases rarely exhaust the list. */
const EXTRA_MEMBERS = 2;

/**
 * Plans a batch reading as few members as it can: each team's own number of cases (and a couple more)
 * first; a team whose list runs out of untouched members (other teams' cases took them) is read again as
 * far as the whole batch, which planNewCases' argument shows is always enough. `read(team, limit)` returns
 * the first `limit` members rule 2 ranks among the team's members with room.
 */
export async function planNewCasesReading(
  teamIds: readonly number[],
  now: number,
  read: (teamId: number, limit: number) => Promise<FreeAgent[]>,
) {
  const members = new Map<number, FreeAgent[]>();
  const truncated = new Set<number>();
  const load = async (teamId: number, limit: number) => {
    const rows = await read(teamId, limit);
    members.set(teamId, rows);
    if (rows.length === limit && limit < teamIds.length) truncated.add(teamId);
    else truncated.delete(teamId);
  };
  const wanted = new Map<number, number>();
  for (const teamId of teamIds) wanted.set(teamId, (wanted.get(teamId) ?? 0) + 1);
  for (const [teamId, count] of wanted) await load(teamId, Math.min(teamIds.length, count + EXTRA_MEMBERS));
  for (;;) {
    const { agents, exhausted } = planNewCases(members, teamIds, now, truncated);
    if (exhausted.size === 0) return agents;
    for (const teamId of exhausted) await load(teamId, teamIds.length);
  }
}
