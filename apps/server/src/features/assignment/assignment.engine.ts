import type { AppContext } from '../../context.js';
import type { Engine } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';
import { runTransaction, type Trx } from '../../db/transaction.js';
import { conflict, notFound } from '../../http/app-error.js';
import { type ActivityRecord, insertActivities } from '../activity/activity.repository.js';
import { type OutboxEvent, recordOutboxEvents, toOutboxEvent } from '../outbox/index.js';
import type { DomainEvent } from '../realtime/event-bus.js';
import type { SlaStamps } from '../sla/sla.clock.js';
import { planNewCasesReading } from './assignment.plan.js';
import * as repository from './assignment.repository.js';

export type ReleaseReason =
  | 'resolved'
  | 'away'
  | 'removed'
  | 'reassigned'
  | 'deleted'
  | 'disconnected'
  | 'transferred'
  | 'left_team';
type LockedCase = NonNullable<Awaited<ReturnType<typeof repository.lockCase>>>;

const isActive = (status: CasesTable['status']) => status === 'open' || status === 'pending';

/** The SLA clocks (SPEC §13, features/sla): a new case's due times, and the clocks of cases that moved. */
export interface CaseClocks {
  stampNew(priorityRank: number, createdAt: number): SlaStamps;
  reconcile(trx: Trx, caseIds: readonly number[], now: number): Promise<void>;
}
/** The activity after which a case's clock may have to stop, start again or be restamped. */
const CLOCK_MOVES = new Set<ActivityRecord['type']>(['case.status_changed', 'case.priority_changed', 'case.retriaged']);

/**
 * The only code that changes a case's assignee or an agent's load. A scope lives inside one
 * transaction; every change it makes is drained against the queue before that transaction commits.
 */
export class AssignmentScope {
  readonly events: DomainEvent[] = [];
  /** What other systems will hear, written to the outbox in this transaction (SPEC §11). */
  readonly #outbox: OutboxEvent[] = [];
  readonly #activity: ActivityRecord[] = [];
  readonly now = Date.now();
  assignedCount = 0;

  constructor(
    readonly trx: Trx,
    readonly engine: Engine,
    readonly actorId: number | null,
    readonly clocks: CaseClocks,
  ) {}

  /** A realtime event after the commit, and the same fact in the outbox when it is a domain event. */
  publish(event: DomainEvent) {
    this.events.push(event);
    const outboxEvent = toOutboxEvent(event);
    if (outboxEvent) this.#outbox.push(outboxEvent);
  }

  /** An event for integrations only (webhooks, the stream), with no realtime counterpart. */
  emit(event: OutboxEvent) {
    this.#outbox.push(event);
  }

  /** Activity is written in one statement at the end of the scope, in the order it was recorded. */
  record(activity: Omit<ActivityRecord, 'actorId'>, actorId: number | null = this.actorId) {
    this.#activity.push({ ...activity, actorId });
  }

  /** Drains the queue, then writes the activity and the outbox: called once, just before the transaction commits. */
  async finish() {
    await this.drain();
    const moved = new Set<number>();
    for (const { type, caseId } of this.#activity) if (CLOCK_MOVES.has(type) && caseId) moved.add(caseId);
    await this.clocks.reconcile(this.trx, [...moved], this.now);
    await insertActivities(this.trx, this.#activity.splice(0), this.now);
    if (this.#outbox.length > 0) await recordOutboxEvents(this.trx, this.#outbox.splice(0), this.now);
  }

  async lockCase(caseId: number): Promise<LockedCase> {
    const row = await repository.lockCase(this.trx, caseId);
    if (!row || row.status === 'deleted') throw notFound('case');
    return row;
  }

  /** Locks a current agent's row for this transaction; 404 for unknown or removed agents. */
  async lockAgent(agentId: number) {
    const agent = await repository.lockAgent(this.trx, this.engine, agentId);
    if (!agent || agent.removed_at !== null) throw notFound('agent');
    return agent;
  }

  /** Automatic assignments are the system's doing (no actor); manual ones are the admin's. */
  async #assign(caseRow: { id: number; customer_id: number }, agentId: number, mode: 'auto' | 'manual') {
    await repository.claimQueuedCase(this.trx, caseRow.id, agentId, this.now);
    await this.#recordAssignments([{ ...caseRow, agentId }], mode);
  }

  async #recordAssignments(cases: { id: number; customer_id: number; agentId: number }[], mode: 'auto' | 'manual') {
    await repository.recordAssignments(
      this.trx,
      cases.map(({ id, agentId }) => ({ caseId: id, agentId })),
      this.now,
    );
    for (const { id, customer_id, agentId } of cases) {
      this.record(
        { type: 'case.assigned', caseId: id, agentId, from: 'new', to: 'open', reason: mode },
        mode === 'auto' ? null : this.actorId,
      );
      this.publish({ name: 'case.assigned', caseId: id, agentId, customerId: customer_id });
    }
    this.assignedCount += cases.length;
  }

  async #release(caseRow: LockedCase, reason: ReleaseReason, status: CasesTable['status']) {
    const agentId = caseRow.assignee_id;
    if (agentId === null || !isActive(caseRow.status)) throw new Error(`case ${caseRow.id} has no live assignment`);
    await repository.markReleased(this.trx, {
      caseId: caseRow.id,
      agentId,
      status,
      reason,
      now: this.now,
    });
    this.record({ type: 'case.released', caseId: caseRow.id, agentId, from: caseRow.status, to: status, reason });
    this.record({ type: 'case.status_changed', caseId: caseRow.id, from: caseRow.status, to: status, reason });
    this.publish({ name: 'agent.updated', agentId });
  }

  async #setStatus(caseRow: LockedCase, status: CasesTable['status'], reason: string) {
    await repository.setUnassignedStatus(this.trx, caseRow.id, status, this.now);
    this.record({ type: 'case.status_changed', caseId: caseRow.id, from: caseRow.status, to: status, reason });
  }

  /**
   * Intake's short cut: new cases go straight to free members of their teams, so each is written once,
   * already assigned; `teamIds` holds each new case's team in arrival order. Returns each case's agent,
   * or null for those that join the queue (then the drain decides).
   */
  async takeAgentsForNewCases(teamIds: readonly number[]): Promise<(number | null)[]> {
    return planNewCasesReading(teamIds, this.now, (teamId, limit) =>
      repository.lockFreeMembersWithoutQueue(this.trx, teamId, limit),
    );
  }

  /** Completes takeAgentsForNewCases' assignments once the cases (inserted as assigned) exist. */
  async assignNewCases(cases: { id: number; customer_id: number; agentId: number }[]) {
    if (cases.length > 0) await this.#recordAssignments(cases, 'auto');
  }

  /** Resolves a case, active or still queued; its holder's slot frees up for the next queued case. */
  async resolve(caseId: number) {
    const caseRow = await this.lockCase(caseId);
    if (caseRow.status === 'resolved') throw conflict('the case is already resolved', 'status');
    if (isActive(caseRow.status)) await this.#release(caseRow, 'resolved', 'resolved');
    else await this.#setStatus(caseRow, 'resolved', 'resolved');
    this.publish({ name: 'case.resolved', caseId, customerId: caseRow.customer_id });
  }

  /** A resolved case goes back to the queue (the owner's 14-day window is checked by the caller). */
  async reopen(caseId: number) {
    const caseRow = await this.lockCase(caseId);
    if (caseRow.status !== 'resolved') throw conflict('only a resolved case can be reopened', 'status');
    await this.#setStatus(caseRow, 'new', 'reopened');
    this.publish({ name: 'case.updated', caseId, customerId: caseRow.customer_id });
  }

  async deleteCase(caseId: number) {
    const caseRow = await this.lockCase(caseId);
    if (isActive(caseRow.status)) await this.#release(caseRow, 'deleted', 'deleted');
    else await this.#setStatus(caseRow, 'deleted', 'deleted');
    this.record({ type: 'case.deleted', caseId });
    this.publish({ name: 'case.updated', caseId, customerId: caseRow.customer_id });
    this.emit({ name: 'case.deleted', caseId });
  }

  /** An admin's choice: 409 when the agent is away, full or not in the case's team; the previous holder's slot is freed. */
  async assignTo(caseId: number, agentId: number) {
    const caseRow = await this.lockCase(caseId);
    if (caseRow.status === 'resolved') throw conflict('a resolved case cannot be assigned; reopen it first', 'status');
    if (caseRow.assignee_id === agentId && isActive(caseRow.status)) return;
    const agent = await this.lockAgent(agentId);
    if (agent.availability === 'away') throw conflict('the agent is away', 'agentId');
    if (agent.active_cases >= agent.capacity) throw conflict('the agent has no spare capacity', 'agentId');
    if (!(await repository.isTeamMember(this.trx, agentId, caseRow.team_id))) {
      throw conflict("the agent is not a member of the case's team; transfer the case first", 'agentId');
    }
    if (isActive(caseRow.status)) await this.#release(caseRow, 'reassigned', 'new');
    await this.#assign(caseRow, agentId, 'manual');
  }

  /**
   * Rule 5: away requeues the cases no agent has answered yet; removal requeues them all. Leaving a
   * team (SPEC §8) requeues that team's unanswered cases, as away does.
   */
  async requeueAgentCases(agentId: number, reason: ReleaseReason, teamId?: number) {
    const onlyUnanswered = reason !== 'removed';
    const cases = await repository.listActiveCaseIds(this.trx, agentId, { onlyUnanswered, teamId });
    for (const { id } of cases) {
      const caseRow = await this.lockCase(id);
      if (caseRow.assignee_id === agentId && isActive(caseRow.status)) await this.#release(caseRow, reason, 'new');
    }
  }

  /**
   * SPEC §8: the case leaves its holder and joins the new team's queue; the drain then assigns it to a
   * free member at once. Returns the team it left. Closed cases cannot move (reopen first).
   */
  async transfer(caseId: number, teamId: number) {
    const caseRow = await this.lockCase(caseId);
    if (caseRow.team_id === teamId) throw conflict('the case is already in this team', 'teamId');
    if (caseRow.status === 'resolved')
      throw conflict('a resolved case cannot be transferred; reopen it first', 'status');
    if (isActive(caseRow.status)) await this.#release(caseRow, 'transferred', 'new');
    await repository.setCaseTeam(this.trx, caseId, teamId, this.now);
    this.publish({ name: 'case.updated', caseId, customerId: caseRow.customer_id });
    this.emit({ name: 'case.transferred', caseId, data: { fromTeamId: caseRow.team_id, toTeamId: teamId } });
    this.publish({ name: 'queue.updated' });
    return { fromTeamId: caseRow.team_id };
  }

  /**
   * Rule 3 with teams: queued cases are served in rule 1's order, each by a free member of its own
   * team, until none is left that a free member could take. A team found with nobody free stays so
   * for the rest of the drain (a drain only uses capacity), and its cases no longer hold back other
   * teams' cases behind them. The queue is read first: after an intake's case is assigned it is usually
   * empty, which ends the drain in one query.
   */
  async drain() {
    const blocked = new Set<number>();
    let next = await repository.lockNextQueuedCase(this.trx);
    while (next) {
      const agent = await repository.lockNextFreeMember(this.trx, next.team_id);
      if (agent) await this.#assign(next, agent.user_id, 'auto');
      else blocked.add(next.team_id);
      next = blocked.size === 0 ? await repository.lockNextQueuedCase(this.trx) : await this.#firstHeadOutside(blocked);
    }
  }

  /** The first queued case in rule 1's order among the teams not in `blocked`: each team's head, compared. */
  async #firstHeadOutside(blocked: ReadonlySet<number>) {
    if (!(await repository.hasAnyFreeAgent(this.trx))) return undefined;
    let first: repository.QueuedCase | undefined;
    for (const teamId of await repository.listTeamIds(this.trx)) {
      if (blocked.has(teamId)) continue;
      const head = await repository.lockTeamQueueHead(this.trx, teamId);
      if (head && (!first || queuedBefore(head, first))) first = head;
    }
    return first;
  }
}

/** Rule 1: priority rank, then age, then id. */
const queuedBefore = (a: repository.QueuedCase, b: repository.QueuedCase) =>
  a.priority !== b.priority
    ? a.priority < b.priority
    : a.created_at !== b.created_at
      ? a.created_at < b.created_at
      : a.id < b.id;

/**
 * The single entry point for every write that can create or consume capacity: runs the work and
 * the queue drain in one transaction, publishes events after the commit, then settles the queue.
 */
export async function runAssignment<T>(
  ctx: AppContext,
  options: { actorId: number | null; trigger: string },
  work: (scope: AssignmentScope) => Promise<T>,
): Promise<T> {
  const value = await commitAssignment(ctx, options, work);
  await settleQueue(ctx);
  return value;
}

/**
 * runAssignment without the settle: for a caller that must know whether a failure came before the
 * commit (nothing written) or after it; it then calls settleQueue itself.
 */
export async function commitAssignment<T>(
  ctx: AppContext,
  options: { actorId: number | null; trigger: string },
  work: (scope: AssignmentScope) => Promise<T>,
): Promise<T> {
  const { value, events, assigned } = await runTransaction(ctx.database, async (trx) => {
    const scope = new AssignmentScope(trx, ctx.database.engine, options.actorId, ctx.sla);
    const value = await work(scope);
    await scope.finish();
    return { value, events: scope.events, assigned: scope.assignedCount };
  });
  if (assigned > 0) ctx.metrics.assignments.inc({ trigger: options.trigger }, assigned);
  ctx.bus.publish(events);
  ctx.jobs.wake();
  return value;
}

/**
 * PostgreSQL only. A drain skips rows other transactions hold (SKIP LOCKED), so two concurrent
 * requests can each miss what the other is about to commit. Whoever commits last sees both, so
 * each request re-checks after its own commit; the check is one cheap query when nothing is owed.
 * SQLite needs none of this: its write transactions run one at a time and each sees all before it.
 */
export async function settleQueue(ctx: AppContext) {
  if (ctx.database.engine === 'sqlite') return;
  for (let round = 0; round < 50; round++) {
    if (!(await repository.hasAssignableWork(ctx.database.db))) return;
    const { events, assigned } = await runTransaction(ctx.database, async (trx) => {
      const scope = new AssignmentScope(trx, ctx.database.engine, null, ctx.sla);
      await scope.finish();
      return { events: scope.events, assigned: scope.assignedCount };
    });
    ctx.bus.publish(events);
    if (assigned === 0) return;
    ctx.metrics.assignments.inc({ trigger: 'settle' }, assigned);
  }
}
