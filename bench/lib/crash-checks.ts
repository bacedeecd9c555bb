import { type DatabaseOptions, type Db, openDatabase } from '../../apps/server/src/db/database.js';
import { checkInvariants, type InvariantReport } from '../../apps/server/src/features/assignment/invariant-checker.js';
import { send } from './crash-http.js';
import { type Acknowledged, acknowledgement, type Crew, caseBody, type Person } from './crash-load.js';
import { inParallel } from './server-process.js';

/**
 * Reads the database directly (the server may be running or dead): the activity-log replay of the
 * concurrency test (which also finds a queue left waiting beside a free agent), plus checks that do
 * not trust the log at all.
 */
export async function checkStoredState(
  options: DatabaseOptions,
  acknowledged: Acknowledged[],
): Promise<{ violations: string[]; stats: InvariantReport['stats'] }> {
  const database = openDatabase({ ...options, poolSize: 2 });
  try {
    const report = await checkInvariants(database.db, {
      acknowledgedCaseIds: acknowledged.map((created) => created.caseId),
    });
    return {
      violations: [...report.violations, ...(await checkTables(database.db, acknowledged))],
      stats: report.stats,
    };
  } finally {
    await database.close();
  }
}

const isActive = (status: string) => status === 'open' || status === 'pending';

/** Agents' counters, live assignment rows and idempotency keys against the cases themselves, without the log. */
async function checkTables(db: Db, acknowledged: Acknowledged[]): Promise<string[]> {
  const violations: string[] = [];
  const [agents, cases, liveAssignments, keys] = await Promise.all([
    db.selectFrom('agents').select(['user_id', 'capacity', 'active_cases', 'availability', 'removed_at']).execute(),
    db.selectFrom('cases').select(['id', 'customer_id', 'status', 'assignee_id', 'first_response_at']).execute(),
    db.selectFrom('assignments').select(['case_id', 'agent_id']).where('ended_at', 'is', null).execute(),
    db.selectFrom('idempotency_keys').select(['user_id', 'key', 'case_id']).execute(),
  ]);
  const holders = new Map<number, number[]>();
  for (const row of liveAssignments) holders.set(row.case_id, [...(holders.get(row.case_id) ?? []), row.agent_id]);
  const agentById = new Map(agents.map((agent) => [agent.user_id, agent]));
  const activeByAgent = new Map<number, number>();

  for (const row of cases) {
    const live = holders.get(row.id) ?? [];
    if (!isActive(row.status)) {
      if (live.length > 0) violations.push(`case ${row.id} is ${row.status} but has live assignments to ${live}`);
      if (row.status === 'new' && row.assignee_id !== null)
        violations.push(`queued case ${row.id} has assignee ${row.assignee_id}`);
      continue;
    }
    if (row.assignee_id === null) {
      violations.push(`case ${row.id} is ${row.status} without an assignee`);
      continue;
    }
    if (live.length !== 1 || live[0] !== row.assignee_id)
      violations.push(`case ${row.id} assigned to ${row.assignee_id} has live assignment rows for [${live}]`);
    activeByAgent.set(row.assignee_id, (activeByAgent.get(row.assignee_id) ?? 0) + 1);
    const agent = agentById.get(row.assignee_id);
    if (!agent) violations.push(`case ${row.id} is held by ${row.assignee_id}, who is not an agent`);
    else if (agent.removed_at !== null) violations.push(`case ${row.id} is held by removed agent ${agent.user_id}`);
    // SPEC §2 rule 5: an away agent keeps only the cases somebody already answered.
    else if (agent.availability === 'away' && row.first_response_at === null)
      violations.push(`unanswered case ${row.id} is held by away agent ${agent.user_id}`);
  }

  for (const agent of agents) {
    const held = activeByAgent.get(agent.user_id) ?? 0;
    if (agent.active_cases !== held)
      violations.push(`agent ${agent.user_id}: active_cases ${agent.active_cases}, but holds ${held} active cases`);
    if (held > agent.capacity) violations.push(`agent ${agent.user_id}: holds ${held}, capacity ${agent.capacity}`);
  }

  const caseById = new Map(cases.map((row) => [row.id, row]));
  const keyed = new Map(keys.map((row) => [`${row.user_id} ${row.key}`, row.case_id]));
  for (const created of acknowledged) {
    const row = caseById.get(created.caseId);
    if (row && row.customer_id !== created.customer.id)
      violations.push(`acknowledged case ${created.caseId} belongs to ${row.customer_id}, not ${created.customer.id}`);
    const keyedCase = keyed.get(`${created.customer.id} ${created.key}`);
    if (keyedCase !== created.caseId)
      violations.push(`Idempotency-Key ${created.key} points at case ${keyedCase}, acknowledged as ${created.caseId}`);
  }
  return violations;
}

/**
 * Sends creates again with their keys, as a client retries after a crash or an outage. Each must answer
 * 201; a create acknowledged before must return the very case it returned then.
 */
export async function replayCreates(
  url: string,
  creates: { customer: Person; key: string; caseId?: number }[],
): Promise<{ acknowledged: Acknowledged[]; violations: string[] }> {
  const acknowledged: Acknowledged[] = [];
  const violations: string[] = [];
  await inParallel(creates.length, 4, async (i) => {
    const { customer, key, caseId } = creates[i] as (typeof creates)[number];
    const answer = await send(url, 'POST', '/api/v1/cases', {
      token: customer.token,
      body: caseBody(key),
      headers: { 'idempotency-key': key },
    });
    if (answer.status !== 201) violations.push(`retry of ${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    else if (caseId !== undefined && answer.body.id !== caseId)
      violations.push(`retry of ${key} returned case ${answer.body.id}, acknowledged as ${caseId}`);
    else acknowledged.push(acknowledgement(answer, customer, key));
  });
  return { acknowledged, violations };
}

/**
 * Makes every agent available with room to spare, then resolves active cases (each resolve assigns
 * the next queued case) until the queue is empty. Returns what is still queued (0 when drained).
 */
export async function drainQueue(url: string, crew: Crew): Promise<{ queued: number; resolved: number }> {
  const token = crew.admin.token;
  const must = async (answer: Promise<{ status: number; body: unknown }>, what: string) => {
    const { status, body } = await answer;
    if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    return body as { items: { id: number }[]; queue: { size: number } };
  };
  for (const agent of crew.agents) {
    await must(
      send(url, 'PATCH', `/api/v1/agents/${agent.id}`, { token, body: { availability: 'available', capacity: 50 } }),
      'make agent available',
    );
  }
  let resolved = 0;
  for (;;) {
    const queued = (await must(send(url, 'GET', '/api/v1/dashboard', { token }), 'dashboard')).queue.size;
    if (queued === 0) return { queued, resolved };
    const active = [
      ...(await must(send(url, 'GET', '/api/v1/cases?status=open&limit=100', { token }), 'list')).items,
      ...(await must(send(url, 'GET', '/api/v1/cases?status=pending&limit=100', { token }), 'list')).items,
    ];
    // Cases wait and nobody holds any: free agents are not being given work.
    if (active.length === 0) return { queued, resolved };
    await inParallel(active.length, 4, (i) =>
      must(send(url, 'POST', `/api/v1/cases/${active[i]?.id}/resolve`, { token }), 'resolve'),
    );
    resolved += active.length;
  }
}
