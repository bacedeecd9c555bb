import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { precompiled } from '../../db/precompiled.js';
import type { Trx } from '../../db/transaction.js';

export interface TeamRow {
  id: number;
  name: string;
  description: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

const teamColumns = [
  'teams.id',
  'teams.name',
  'teams.description',
  'teams.is_default',
  'teams.created_at',
  'teams.updated_at',
] as const;

export function listTeamRows(db: Db | Trx): Promise<TeamRow[]> {
  return db.selectFrom('teams').select(teamColumns).orderBy('teams.is_default', 'desc').orderBy('teams.name').execute();
}

export function findTeamRow(db: Db | Trx, teamId: number): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').select(teamColumns).where('teams.id', '=', teamId).executeTakeFirst();
}

/** Locks the team's row (PostgreSQL) so that a deletion and a transfer into it cannot cross. */
export function lockTeamRow(trx: Trx, teamId: number, engine: 'sqlite' | 'postgres'): Promise<TeamRow | undefined> {
  const query = trx.selectFrom('teams').select(teamColumns).where('teams.id', '=', teamId);
  return (engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * A shared lock on the team (PostgreSQL) for a transaction that moves cases into it: a deletion, which
 * locks it for update, then waits for this transaction and sees its cases (409), or runs first and this
 * one finds no team (404), never a foreign-key error.
 */
export function shareTeamRow(trx: Trx, teamId: number, engine: 'sqlite' | 'postgres'): Promise<TeamRow | undefined> {
  const query = trx.selectFrom('teams').select(teamColumns).where('teams.id', '=', teamId);
  return (engine === 'postgres' ? query.forShare() : query).executeTakeFirst();
}

export function findTeamByName(db: Db | Trx, name: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function findDefaultTeam(db: Db | Trx): Promise<TeamRow> {
  const row = await db.selectFrom('teams').select(teamColumns).where('teams.is_default', '=', 1).executeTakeFirst();
  if (!row) throw new Error('no default team: migration 009 creates one and nothing removes it');
  return row;
}

export async function insertTeam(trx: Trx, team: { name: string; description: string; now: number }) {
  const row = await trx
    .insertInto('teams')
    .values({
      name: team.name,
      description: team.description,
      is_default: 0,
      created_at: team.now,
      updated_at: team.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeamRow(
  trx: Trx,
  teamId: number,
  changes: { name?: string; description?: string },
  now: number,
) {
  await trx
    .updateTable('teams')
    .set({ ...changes, updated_at: now })
    .where('id', '=', teamId)
    .execute();
}

/** Moves the default mark in one transaction: the unique partial index allows one marked team at a time. */
export async function moveDefault(trx: Trx, teamId: number, now: number) {
  await trx.updateTable('teams').set({ is_default: 0, updated_at: now }).where('is_default', '=', 1).execute();
  await trx.updateTable('teams').set({ is_default: 1, updated_at: now }).where('id', '=', teamId).execute();
}

export async function deleteTeamRow(trx: Trx, teamId: number) {
  await trx.deleteFrom('team_categories').where('team_id', '=', teamId).execute();
  await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  await trx.deleteFrom('teams').where('id', '=', teamId).execute();
}

/** Cases the team still works: queued, open or pending (closed ones move to the default team with it). */
export async function countTeamCases(trx: Trx, teamId: number) {
  const row = await trx
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('team_id', '=', teamId)
    .where('status', 'in', ['new', 'open', 'pending'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function moveClosedCases(trx: Trx, fromTeamId: number, toTeamId: number) {
  await trx.updateTable('cases').set({ team_id: toTeamId }).where('team_id', '=', fromTeamId).execute();
}

export function listCategoryRows(db: Db | Trx) {
  return db.selectFrom('team_categories').select(['category', 'team_id']).orderBy('category').execute();
}

export async function replaceCategories(trx: Trx, teamId: number, categories: readonly string[]) {
  await trx.deleteFrom('team_categories').where('team_id', '=', teamId).execute();
  if (categories.length === 0) return;
  await trx
    .insertInto('team_categories')
    .values(categories.map((category) => ({ category, team_id: teamId })))
    .execute();
}

/** Current members with their names, by name; `teamIds` narrows it to some teams. */
export function listMemberRows(db: Db | Trx, teamIds?: readonly number[]) {
  let query = db
    .selectFrom('team_members')
    .innerJoin('agents', 'agents.user_id', 'team_members.agent_id')
    .innerJoin('users', 'users.id', 'team_members.agent_id')
    .select(['team_members.team_id', 'users.id', 'users.name'])
    .where('agents.removed_at', 'is', null);
  if (teamIds) {
    if (teamIds.length === 0) return Promise.resolve([]);
    query = query.where('team_members.team_id', 'in', teamIds);
  }
  return query.orderBy('users.name').orderBy('users.id').execute();
}

export function listMemberIds(trx: Trx, teamId: number) {
  return trx
    .selectFrom('team_members')
    .select('agent_id')
    .where('team_id', '=', teamId)
    .execute()
    .then((rows) => rows.map((row) => row.agent_id));
}

export async function addMembers(trx: Trx, teamId: number, agentIds: readonly number[], now: number) {
  if (agentIds.length === 0) return;
  await trx
    .insertInto('team_members')
    .values(agentIds.map((agentId) => ({ team_id: teamId, agent_id: agentId, created_at: now })))
    .execute();
}

export async function removeMembers(trx: Trx, teamId: number, agentIds: readonly number[]) {
  if (agentIds.length === 0) return;
  await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('agent_id', 'in', agentIds).execute();
}

export async function removeFromAllTeams(trx: Trx, agentId: number) {
  await trx.deleteFrom('team_members').where('agent_id', '=', agentId).execute();
}

/** The teams of each given agent, by team name. */
export function listTeamsOfAgents(db: Db | Trx, agentIds: readonly number[]) {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.agent_id', 'teams.id', 'teams.name'])
    .where('team_members.agent_id', 'in', agentIds)
    .orderBy('teams.name')
    .execute();
}

const NEW = sql.lit<'new'>('new');

/** Per team: queued cases and the oldest one's creation time (from cases_team_queue). */
export function queueByTeam(db: Db) {
  return db
    .selectFrom('cases')
    .select(['team_id', (eb) => eb.fn.countAll<number>().as('queued'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', '=', NEW)
    .groupBy('team_id')
    .execute();
}

/** Per team: current members, those available with room, and their spare capacity. */
export function capacityByTeam(db: Db) {
  const hasRoom = sql<boolean>`agents.availability = 'available' and agents.active_cases < agents.capacity`;
  return db
    .selectFrom('team_members')
    .innerJoin('agents', 'agents.user_id', 'team_members.agent_id')
    .where('agents.removed_at', 'is', null)
    .select((eb) => [
      'team_members.team_id',
      eb.fn.countAll<number>().as('members'),
      sql<number>`coalesce(sum(case when ${hasRoom} then 1 else 0 end), 0)`.as('available'),
      sql<number>`coalesce(sum(case when ${hasRoom} then agents.capacity - agents.active_cases else 0 end), 0)`.as(
        'free',
      ),
    ])
    .groupBy('team_members.team_id')
    .execute();
}

/** A team's current members with their addresses, for mail to the team. */
export function listMemberContacts(db: Db | Trx, teamId: number) {
  return db
    .selectFrom('team_members')
    .innerJoin('agents', 'agents.user_id', 'team_members.agent_id')
    .innerJoin('users', 'users.id', 'team_members.agent_id')
    .select(['users.id', 'users.email', 'users.name'])
    .where('team_members.team_id', '=', teamId)
    .where('agents.removed_at', 'is', null)
    .where('users.status', '=', 'active')
    .orderBy('users.id')
    .execute();
}

/** Routing's one read per intake batch: every team with the categories it handles (precompiled). */
const routingRows = precompiled((db) =>
  db
    .selectFrom('teams')
    .leftJoin('team_categories', 'team_categories.team_id', 'teams.id')
    .select(['teams.id', 'teams.name', 'teams.is_default', 'team_categories.category']),
);

export async function listRoutingRows(trx: Trx) {
  return (await routingRows(trx)).rows;
}
