import type { TeamRef } from '@caseflow/contract';
import {
  type Agent,
  type AgentState,
  type Availability,
  type CreateAgentBody,
  type ListAgentsQuery,
  listAgentsQuery,
  type UpdateAgentBody,
} from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../http/app-error.js';
import { decodeNameCursor, encodeNameCursor, toPage } from '../../http/cursor.js';
import { toIsoOrNull } from '../../http/time.js';
import {
  createAccount,
  deactivateAccount,
  hashNewPassword,
  sendInvitation,
  updateAccountName,
} from '../accounts/accounts.service.js';
import { getAgentActivity } from '../activity/activity.service.js';
import { type AssignmentScope, runAssignment } from '../assignment/assignment.engine.js';
import { joinDefaultTeam, leaveAllTeams, teamsOfAgents } from '../teams/index.js';
import * as repository from './agents.repository.js';

export function agentState(agent: { availability: string; active_cases: number; capacity: number }): AgentState {
  if (agent.availability === 'away') return 'away';
  return agent.active_cases < agent.capacity ? 'available' : 'busy';
}

function toAgent(row: repository.AgentRow, teams: TeamRef[]): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    capacity: row.capacity,
    availability: row.availability,
    state: agentState(row),
    activeCases: row.active_cases,
    lastAssignedAt: row.last_assigned_at > 0 ? toIsoOrNull(row.last_assigned_at) : null,
    teams,
    notifyOnAssignment: row.notify_on_assignment === 1,
  };
}

/** Agents with their teams: one query for the teams of the whole list. */
async function toAgents(ctx: AppContext, rows: repository.AgentRow[]): Promise<Agent[]> {
  const teams = await teamsOfAgents(
    ctx,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toAgent(row, teams.get(row.id) ?? []));
}

/** Current agents by name, a page at a time; the first page unless a query says otherwise. */
export async function listAgents(ctx: AppContext, query: ListAgentsQuery = listAgentsQuery.parse({})) {
  const rows = await repository.listAgentRows(ctx.database.db, {
    search: query.q || undefined,
    after: decodeNameCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (row) => row, encodeNameCursor);
  return { ...page, items: await toAgents(ctx, page.items) };
}

/** For the dashboard: totals over every agent and the busiest few in full. */
export async function summarizeAgents(ctx: AppContext, limit: number) {
  const [totals, busiest] = await Promise.all([
    repository.agentTotals(ctx.database.db),
    repository.listBusiestAgentRows(ctx.database.db, limit),
  ]);
  return { totals, busiest: await toAgents(ctx, busiest) };
}

export async function getAgent(ctx: AppContext, agentId: number): Promise<Agent> {
  const row = await repository.findAgentRow(ctx.database.db, agentId);
  if (!row) throw notFound('agent');
  const [agent] = await toAgents(ctx, [row]);
  if (!agent) throw notFound('agent');
  return agent;
}

/** The agent's status timeline for admins; 404 for an unknown or removed agent, like the agent itself. */
export async function getAgentHistory(ctx: AppContext, agentId: number) {
  await getAgent(ctx, agentId);
  return getAgentActivity(ctx, agentId);
}

/** Adds an agent (available at once, so the queue drains to them); without a password they get an invitation. */
export async function createAgent(ctx: AppContext, caller: Caller, body: CreateAgentBody): Promise<Agent> {
  const passwordHash = await hashNewPassword(body.password);
  const user = await runAssignment(ctx, { actorId: caller.userId, trigger: 'agent_added' }, async (scope) => {
    const account = await createAccount(scope.trx, { email: body.email, name: body.name, role: 'agent', passwordHash });
    await repository.insertAgent(scope.trx, { userId: account.id, capacity: body.capacity, now: scope.now });
    const teamId = await joinDefaultTeam(scope.trx, account.id, scope.now);
    scope.record({ type: 'agent.added', agentId: account.id, to: String(body.capacity) });
    scope.record({ type: 'agent.teams_changed', agentId: account.id, to: String(teamId), reason: 'joined' });
    scope.publish({ name: 'agent.updated', agentId: account.id });
    return account;
  });
  if (body.password === undefined) await sendInvitation(ctx, user);
  return getAgent(ctx, user.id);
}

/** Admins change anything; an agent changes only its own availability and assignment mail. */
export async function updateAgent(
  ctx: AppContext,
  caller: Caller,
  agentId: number,
  body: UpdateAgentBody,
): Promise<Agent> {
  if (caller.role === 'agent') {
    if (caller.userId !== agentId) {
      throw forbidden('agents can change only their own availability and assignment mail');
    }
    if (body.name !== undefined || body.capacity !== undefined)
      throw forbidden('only an admin changes name or capacity');
  }
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'agent_updated' }, async (scope) => {
    const agent = await scope.lockAgent(agentId);
    if (body.name !== undefined) await updateAccountName(scope.trx, agentId, body.name);
    if (body.capacity !== undefined && body.capacity !== agent.capacity) {
      if (body.capacity < agent.active_cases) {
        throw conflict(
          `the agent holds ${agent.active_cases} active cases; resolve or reassign some first`,
          'capacity',
        );
      }
      await repository.updateAgentSettings(scope.trx, agentId, { capacity: body.capacity }, scope.now);
      scope.record({
        type: 'agent.capacity_changed',
        agentId,
        from: String(agent.capacity),
        to: String(body.capacity),
      });
    }
    if (body.availability !== undefined) {
      await changeAvailability(scope, agent, body.availability, caller.userId === agentId ? 'self' : 'admin');
    }
    if (body.notifyOnAssignment !== undefined) {
      const notify = body.notifyOnAssignment ? 1 : 0;
      await repository.updateAgentSettings(scope.trx, agentId, { notify_on_assignment: notify }, scope.now);
    }
    scope.publish({ name: 'agent.updated', agentId });
  });
  return getAgent(ctx, agentId);
}

type LockedAgent = Awaited<ReturnType<AssignmentScope['lockAgent']>>;

/** Away hands unanswered cases back to the queue (SPEC §2 rule 5); available lets the drain reach them. */
async function changeAvailability(
  scope: AssignmentScope,
  agent: LockedAgent,
  availability: Availability,
  reason: string,
) {
  if (availability === agent.availability) return;
  await repository.updateAgentSettings(scope.trx, agent.user_id, { availability }, scope.now);
  scope.record({
    type: 'agent.availability_changed',
    agentId: agent.user_id,
    from: agent.availability,
    to: availability,
    reason,
  });
  if (availability === 'away')
    await scope.requeueAgentCases(agent.user_id, reason === 'disconnected' ? 'disconnected' : 'away');
}

/** Presence: an agent with no connected socket for AWAY_AFTER_SECONDS is set away by the system. */
export async function setAwayAfterDisconnect(ctx: AppContext, agentId: number) {
  await runAssignment(ctx, { actorId: null, trigger: 'agent_disconnected' }, async (scope) => {
    const agent = await scope.lockAgent(agentId);
    await changeAvailability(scope, agent, 'away', 'disconnected');
    scope.publish({ name: 'agent.updated', agentId });
  });
}

/** Removes an agent: every active case goes back to the queue, the user is deactivated, history stays. */
export async function removeAgent(ctx: AppContext, caller: Caller, agentId: number) {
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'agent_removed' }, async (scope) => {
    await scope.lockAgent(agentId);
    await repository.updateAgentSettings(
      scope.trx,
      agentId,
      { availability: 'away', removed_at: scope.now },
      scope.now,
    );
    await scope.requeueAgentCases(agentId, 'removed');
    await leaveAllTeams(scope.trx, agentId);
    await deactivateAccount(scope.trx, agentId);
    scope.record({ type: 'agent.removed', agentId });
    scope.publish({ name: 'agent.updated', agentId });
    scope.publish({ name: 'session.revoked', userId: agentId });
  });
}

/** The agents who get mail for a new assignment (SPEC §11: only those who opted in). */
export async function listAgentsNotifiedOnAssignment(db: Db | Trx): Promise<ReadonlySet<number>> {
  return new Set(await repository.listAssignmentMailAgentIds(db));
}

/**
 * Where an agent's assignment mail goes, for background mail (no caller: never reached from a
 * route); `canReceive` is false once they opted out or were removed.
 */
export async function findAssignmentMailRecipient(db: Db | Trx, agentId: number) {
  const row = await repository.findAssignmentMailSettings(db, agentId);
  if (!row) return undefined;
  return {
    email: row.email,
    name: row.name,
    canReceive: row.notify_on_assignment === 1 && row.removed_at === null && row.status === 'active',
  };
}

/** An unsubscribe link (or its undo) turns an agent's assignment mail off (or on); not an assignment change. */
export async function setNotifyOnAssignment(db: Db | Trx, agentId: number, notify: boolean) {
  await repository.updateAgentSettings(db, agentId, { notify_on_assignment: notify ? 1 : 0 }, Date.now());
}
