import type { CreateTeamBody, Team, TeamQueue, TeamRef, UpdateTeamBody } from '@caseflow/contract';
import { categorySchema } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import type { Engine } from '../../db/database.js';
import { isUniqueViolation } from '../../db/engine.js';
import { runTransaction, type Trx } from '../../db/transaction.js';
import { AppError, conflict, notFound } from '../../http/app-error.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { runAssignment } from '../assignment/assignment.engine.js';
import * as repository from './teams.repository.js';

type Category = Team['categories'][number];
const isCategory = (value: string): value is Category => (categorySchema.options as readonly string[]).includes(value);

function toTeam(row: repository.TeamRow, categories: Category[], members: { id: number; name: string }[]): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    categories,
    memberCount: members.length,
    members,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

async function assembleTeams(db: AppContext['database']['db'] | Trx, rows: repository.TeamRow[]) {
  const ids = rows.map((row) => row.id);
  const [categoryRows, memberRows] = await Promise.all([
    repository.listCategoryRows(db),
    repository.listMemberRows(db, ids),
  ]);
  return rows.map((row) =>
    toTeam(
      row,
      categoryRows.filter((c) => c.team_id === row.id && isCategory(c.category)).map((c) => c.category as Category),
      memberRows.filter((m) => m.team_id === row.id).map(({ id, name }) => ({ id, name })),
    ),
  );
}

/** Every team, the default first, then by name. */
export async function listTeams(ctx: AppContext): Promise<Team[]> {
  return assembleTeams(ctx.database.db, await repository.listTeamRows(ctx.database.db));
}

export async function getTeam(ctx: AppContext, teamId: number, trx?: Trx): Promise<Team> {
  const db = trx ?? ctx.database.db;
  const row = await repository.findTeamRow(db, teamId);
  if (!row) throw notFound('team');
  const [team] = await assembleTeams(db, [row]);
  if (!team) throw notFound('team');
  return team;
}

/** The team a case may move to, by id, held until the commit (shareTeamRow); 404 naming `field` when there is none. */
export async function requireTeam(trx: Trx, engine: Engine, teamId: number, field = 'teamId'): Promise<TeamRef> {
  const row = await repository.shareTeamRow(trx, teamId, engine);
  if (!row) throw new AppError('not_found', `team ${teamId} not found`, [{ path: field, message: 'no such team' }]);
  return { id: row.id, name: row.name };
}

export async function teamNames(db: AppContext['database']['db'] | Trx) {
  return new Map((await repository.listTeamRows(db)).map((row) => [row.id, row.name]));
}

async function assertNameFree(trx: Trx, name: string, teamId?: number) {
  const existing = await repository.findTeamByName(trx, name);
  if (existing && existing.id !== teamId) throw conflict(`a team named ${existing.name} already exists`, 'name');
}

/** A category belongs to at most one team: 409 naming the category and the team that has it. */
async function assertCategoriesFree(trx: Trx, categories: readonly string[], teamId?: number) {
  const held = await repository.listCategoryRows(trx);
  const names = await teamNames(trx);
  for (const row of held) {
    if (row.team_id !== teamId && categories.includes(row.category)) {
      throw conflict(`${row.category} is already handled by ${names.get(row.team_id) ?? 'another team'}`, 'categories');
    }
  }
}

/** Unique violations from a concurrent admin are the same 409s as the checks above. */
async function asConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('another team has this name or one of these categories', 'name');
    throw error;
  }
}

export async function createTeam(ctx: AppContext, _caller: Caller, body: CreateTeamBody): Promise<Team> {
  const teamId = await asConflicts(() =>
    runTransaction(ctx.database, async (trx) => {
      await assertNameFree(trx, body.name);
      await assertCategoriesFree(trx, body.categories);
      const id = await repository.insertTeam(trx, { name: body.name, description: body.description, now: Date.now() });
      await repository.replaceCategories(trx, id, body.categories);
      return id;
    }),
  );
  return getTeam(ctx, teamId);
}

export async function updateTeam(
  ctx: AppContext,
  _caller: Caller,
  teamId: number,
  body: UpdateTeamBody,
): Promise<Team> {
  await asConflicts(() =>
    runTransaction(ctx.database, async (trx) => {
      const now = Date.now();
      if (!(await repository.lockTeamRow(trx, teamId, ctx.database.engine))) throw notFound('team');
      if (body.name !== undefined) await assertNameFree(trx, body.name, teamId);
      if (body.categories !== undefined) {
        await assertCategoriesFree(trx, body.categories, teamId);
        await repository.replaceCategories(trx, teamId, body.categories);
      }
      await repository.updateTeamRow(trx, teamId, { name: body.name, description: body.description }, now);
      if (body.isDefault) await repository.moveDefault(trx, teamId, now);
    }),
  );
  return getTeam(ctx, teamId);
}

/**
 * Refused (409) for the default team and for a team that still holds queued or active cases; its
 * resolved cases go to the default team, so their history and reports keep a team.
 */
export async function deleteTeam(ctx: AppContext, _caller: Caller, teamId: number) {
  await runTransaction(ctx.database, async (trx) => {
    const team = await repository.lockTeamRow(trx, teamId, ctx.database.engine);
    if (!team) throw notFound('team');
    if (team.is_default === 1)
      throw conflict('the default team cannot be deleted; make another team the default first', 'id');
    const held = await repository.countTeamCases(trx, teamId);
    if (held > 0)
      throw conflict(`the team holds ${held} open or queued cases; transfer them to another team first`, 'id');
    await repository.moveClosedCases(trx, teamId, (await repository.findDefaultTeam(trx)).id);
    await repository.deleteTeamRow(trx, teamId);
  });
}

/**
 * Replaces a team's members. Leaving the team requeues the agent's unanswered cases of that team (as
 * away does); joining lets the drain hand the team's queue to the new member, in the same transaction.
 */
export async function setTeamMembers(ctx: AppContext, caller: Caller, teamId: number, agentIds: readonly number[]) {
  await runAssignment(ctx, { actorId: caller.userId, trigger: 'team_members' }, async (scope) => {
    const team = await repository.lockTeamRow(scope.trx, teamId, ctx.database.engine);
    if (!team) throw notFound('team');
    const current = new Set(await repository.listMemberIds(scope.trx, teamId));
    const wanted = new Set(agentIds);
    const changed = [...new Set([...current, ...wanted])].sort((a, b) => a - b);
    // Every agent whose membership changes is locked (in id order), so no assignment to them crosses this.
    for (const agentId of changed) {
      if (current.has(agentId) === wanted.has(agentId)) continue;
      try {
        await scope.lockAgent(agentId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found' && wanted.has(agentId)) {
          throw new AppError('not_found', `agent ${agentId} not found`, [
            { path: `agentIds.${agentIds.indexOf(agentId)}`, message: 'no such agent' },
          ]);
        }
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
    }
    const leaving = [...current].filter((id) => !wanted.has(id));
    const joining = [...wanted].filter((id) => !current.has(id));
    await repository.removeMembers(scope.trx, teamId, leaving);
    for (const agentId of leaving) {
      await scope.requeueAgentCases(agentId, 'left_team', teamId);
      scope.record({ type: 'agent.teams_changed', agentId, from: String(team.id), reason: 'left' });
      scope.publish({ name: 'agent.updated', agentId });
    }
    await repository.addMembers(scope.trx, teamId, joining, scope.now);
    for (const agentId of joining) {
      scope.record({ type: 'agent.teams_changed', agentId, to: String(team.id), reason: 'joined' });
      scope.publish({ name: 'agent.updated', agentId });
    }
    scope.publish({ name: 'queue.updated' });
  });
  return getTeam(ctx, teamId);
}

/** A new agent joins the default team (SPEC §8: it holds every agent out of the box); returns its id. */
export async function joinDefaultTeam(trx: Trx, agentId: number, now: number) {
  const team = await repository.findDefaultTeam(trx);
  await repository.addMembers(trx, team.id, [agentId], now);
  return team.id;
}

/** A removed agent leaves every team (their history keeps their name). */
export async function leaveAllTeams(trx: Trx, agentId: number) {
  await repository.removeFromAllTeams(trx, agentId);
}

/** Each agent's teams by name, for the agents' replies. */
export async function teamsOfAgents(ctx: AppContext, agentIds: readonly number[]) {
  const rows = await repository.listTeamsOfAgents(ctx.database.db, agentIds);
  const teams = new Map<number, TeamRef[]>(agentIds.map((id) => [id, []]));
  for (const row of rows) teams.get(row.agent_id)?.push({ id: row.id, name: row.name });
  return teams;
}

/** The dashboard's per-team lines: queue, oldest wait, who is free and how much room they have. */
export async function teamQueues(ctx: AppContext, now: number): Promise<TeamQueue[]> {
  const db = ctx.database.db;
  const [teams, queues, capacity] = await Promise.all([
    repository.listTeamRows(db),
    repository.queueByTeam(db),
    repository.capacityByTeam(db),
  ]);
  return teams.map((team) => {
    const queue = queues.find((row) => row.team_id === team.id);
    const room = capacity.find((row) => row.team_id === team.id);
    const oldest = queue?.oldest === undefined || queue.oldest === null ? null : Number(queue.oldest);
    return {
      team: { id: team.id, name: team.name },
      queued: Number(queue?.queued ?? 0),
      oldestCreatedAt: toIsoOrNull(oldest),
      oldestWaitSeconds: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
      availableMembers: Number(room?.available ?? 0),
      freeCapacity: Number(room?.free ?? 0),
      members: Number(room?.members ?? 0),
    };
  });
}

/** The team and its members' addresses (SPEC §11 notify); 404 naming `teamId` for an unknown team. */
export async function teamContacts(trx: Trx, engine: Engine, teamId: number) {
  const team = await requireTeam(trx, engine, teamId);
  return { team, members: await repository.listMemberContacts(trx, teamId) };
}
