import type { ActivityEvent, ActivityType } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { isStaff } from '../../context.js';
import { toIso } from '../../http/time.js';
import { teamNames } from '../teams/index.js';
import { listAgentActivity, listCaseActivity } from './activity.repository.js';

type ActivityRow = Awaited<ReturnType<typeof listCaseActivity>>[number];

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? 'Unknown' });

/** Events whose from/to hold team ids (machine-readable for the history checker); replies show names. */
const TEAM_VALUED = new Set(['case.routed', 'case.transferred', 'agent.teams_changed']);

function withTeamNames(event: ActivityEvent, names: Map<number, string>): ActivityEvent {
  if (!TEAM_VALUED.has(event.type)) return event;
  const name = (value: string | null) => (value === null ? null : (names.get(Number(value)) ?? 'a deleted team'));
  return { ...event, from: event.type === 'case.routed' ? event.from : name(event.from), to: name(event.to) };
}

async function toActivityEvents(ctx: AppContext, rows: ActivityRow[]) {
  const events = rows.map(toActivityEvent);
  if (!events.some((event) => TEAM_VALUED.has(event.type))) return events;
  const names = await teamNames(ctx.database.db);
  return events.map((event) => withTeamNames(event, names));
}

function toActivityEvent(row: ActivityRow): ActivityEvent {
  return {
    id: row.id,
    type: row.type as ActivityType,
    caseId: row.case_id,
    agent: ref(row.agent_id, row.agent_name),
    actor: ref(row.actor_id, row.actor_name),
    from: row.from_value,
    to: row.to_value,
    reason: row.reason,
    createdAt: toIso(row.created_at),
  };
}

/** The caller must already be allowed to read the case; customers see only its public events. */
export async function getCaseActivity(ctx: AppContext, caller: Caller, caseId: number) {
  const rows = await listCaseActivity(ctx.database.db, caseId, isStaff(caller));
  return { items: await toActivityEvents(ctx, rows) };
}

/** An agent's status history (added, availability, capacity, removed), newest first. */
export async function getAgentActivity(ctx: AppContext, agentId: number) {
  const rows = await listAgentActivity(ctx.database.db, agentId, 200);
  return { items: await toActivityEvents(ctx, rows) };
}
