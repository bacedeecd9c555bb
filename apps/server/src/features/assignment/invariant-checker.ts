import type { Db } from '../../db/database.js';

export interface InvariantReport {
  violations: string[];
  stats: { events: number; assignments: number; releases: number; agents: number; cases: number };
}

type AgentReplay = { load: number; capacity: number };

/**
 * Replays the append-only activity log and compares it with the tables, to prove SPEC §2's
 * invariants after a concurrent run. It reads every table directly: it is a diagnostic, not a feature.
 * Events of one agent are ordered by id because each is written under that agent's row lock.
 */
export async function checkInvariants(
  db: Db,
  options: { acknowledgedCaseIds?: number[] } = {},
): Promise<InvariantReport> {
  const violations: string[] = [];
  const [events, agents, cases, assignments, members] = await Promise.all([
    db.selectFrom('activity').selectAll().orderBy('id').execute(),
    db.selectFrom('agents').selectAll().execute(),
    db.selectFrom('cases').select(['id', 'status', 'assignee_id', 'team_id']).execute(),
    db.selectFrom('assignments').selectAll().execute(),
    db.selectFrom('team_members').select(['team_id', 'agent_id']).execute(),
  ]);
  // SPEC §8: teams replayed from the log too: each agent's memberships and each case's team over time.
  const teamsOf = new Map<number, Set<number>>();
  const teamOfCase = new Map<number, number>();
  const currentTeamOf = new Map(cases.map((row) => [row.id, row.team_id]));

  const replay = new Map<number, AgentReplay>();
  const holderOf = new Map<number, number>();
  let assigned = 0;
  let released = 0;
  for (const event of events) {
    const agentId = event.agent_id ?? -1;
    const caseId = event.case_id ?? -1;
    const agent = replay.get(agentId);
    switch (event.type) {
      case 'agent.teams_changed': {
        const teams = teamsOf.get(agentId) ?? new Set<number>();
        if (event.to_value !== null) teams.add(Number(event.to_value));
        if (event.from_value !== null) teams.delete(Number(event.from_value));
        teamsOf.set(agentId, teams);
        break;
      }
      case 'agent.removed':
        teamsOf.delete(agentId);
        break;
      case 'case.routed':
      case 'case.transferred':
        teamOfCase.set(caseId, Number(event.to_value));
        break;
      case 'agent.added':
        replay.set(agentId, { load: 0, capacity: Number(event.to_value) });
        break;
      case 'agent.capacity_changed':
        if (!agent) violations.push(`event ${event.id}: capacity change of unknown agent ${agentId}`);
        else {
          agent.capacity = Number(event.to_value);
          if (agent.load > agent.capacity)
            violations.push(`event ${event.id}: agent ${agentId} capacity ${agent.capacity} below load ${agent.load}`);
        }
        break;
      case 'case.assigned':
        assigned++;
        if (holderOf.has(caseId))
          violations.push(
            `event ${event.id}: case ${caseId} assigned to ${agentId} while held by ${holderOf.get(caseId)}`,
          );
        holderOf.set(caseId, agentId);
        {
          const teamId = teamOfCase.get(caseId) ?? currentTeamOf.get(caseId);
          if (teamId !== undefined && !teamsOf.get(agentId)?.has(teamId))
            violations.push(`event ${event.id}: case ${caseId} of team ${teamId} assigned to ${agentId}, not a member`);
        }
        if (!agent) violations.push(`event ${event.id}: case ${caseId} assigned to unknown agent ${agentId}`);
        else if (++agent.load > agent.capacity) {
          violations.push(
            `event ${event.id}: agent ${agentId} holds ${agent.load} active cases, capacity ${agent.capacity}`,
          );
        }
        break;
      case 'case.released':
        released++;
        if (holderOf.get(caseId) !== agentId)
          violations.push(`event ${event.id}: case ${caseId} released by ${agentId}, held by ${holderOf.get(caseId)}`);
        holderOf.delete(caseId);
        if (agent && --agent.load < 0) violations.push(`event ${event.id}: agent ${agentId} load below zero`);
        break;
    }
  }

  const activeByAgent = new Map<number, number>();
  for (const row of cases) {
    const isActive = row.status === 'open' || row.status === 'pending';
    if (isActive && row.assignee_id !== null)
      activeByAgent.set(row.assignee_id, (activeByAgent.get(row.assignee_id) ?? 0) + 1);
    if (isActive !== holderOf.has(row.id) || (isActive && holderOf.get(row.id) !== row.assignee_id)) {
      violations.push(
        `case ${row.id}: status ${row.status}, assignee ${row.assignee_id}, but the log says holder ${holderOf.get(row.id)}`,
      );
    }
  }
  const liveAssignments = assignments.filter((row) => row.ended_at === null);
  if (assignments.length !== assigned)
    violations.push(`${assignments.length} assignment rows but ${assigned} assigned events`);
  for (const row of liveAssignments) {
    if (holderOf.get(row.case_id) !== row.agent_id)
      violations.push(`live assignment of case ${row.case_id} to ${row.agent_id} not in the log`);
  }
  if (liveAssignments.length !== holderOf.size)
    violations.push(`${liveAssignments.length} live assignments, log says ${holderOf.size}`);

  for (const agent of agents) {
    const fromLog = replay.get(agent.user_id)?.load ?? 0;
    const fromCases = activeByAgent.get(agent.user_id) ?? 0;
    if (agent.active_cases !== fromLog || agent.active_cases !== fromCases) {
      violations.push(`agent ${agent.user_id}: counter ${agent.active_cases}, log ${fromLog}, cases ${fromCases}`);
    }
    if (agent.active_cases > agent.capacity)
      violations.push(`agent ${agent.user_id}: ${agent.active_cases} active over capacity ${agent.capacity}`);
  }

  for (const row of cases) {
    if (teamOfCase.has(row.id) && teamOfCase.get(row.id) !== row.team_id)
      violations.push(`case ${row.id}: team ${row.team_id}, but the log says ${teamOfCase.get(row.id)}`);
  }
  // No case waits in team T while a member of T is available with room (SPEC §2 rule 4 with §8).
  const free = new Set(
    agents
      .filter(
        (agent) =>
          agent.availability === 'available' && agent.removed_at === null && agent.active_cases < agent.capacity,
      )
      .map((agent) => agent.user_id),
  );
  const freeMembers = new Map<number, number[]>();
  for (const { team_id, agent_id } of members) {
    if (free.has(agent_id)) freeMembers.set(team_id, [...(freeMembers.get(team_id) ?? []), agent_id]);
  }
  const queuedByTeam = new Map<number, number>();
  for (const row of cases)
    if (row.status === 'new') queuedByTeam.set(row.team_id, (queuedByTeam.get(row.team_id) ?? 0) + 1);
  for (const [teamId, queued] of queuedByTeam) {
    const room = freeMembers.get(teamId);
    if (room) violations.push(`${queued} cases wait in team ${teamId} while its members ${room.join(', ')} have room`);
  }

  const existing = new Set(cases.map((row) => row.id));
  for (const id of options.acknowledgedCaseIds ?? []) {
    if (!existing.has(id)) violations.push(`acknowledged case ${id} is missing`);
  }
  return {
    violations,
    stats: {
      events: events.length,
      assignments: assigned,
      releases: released,
      agents: agents.length,
      cases: cases.length,
    },
  };
}
