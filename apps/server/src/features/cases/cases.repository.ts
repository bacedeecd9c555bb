import type { CaseStatus } from '@caseflow/contract';
import { type NotNull, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { precompiled, precompiledInsert } from '../../db/precompiled.js';
import type { CasesTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';
import type { QueueKey } from '../../http/cursor.js';
import { ALERT } from '../sla/sla.clock.js';

/** A new case as intake writes it: queued (`new`, nobody assigned) or already assigned (`open`). */
export type NewCase = { priority: number } & Pick<
  CasesTable,
  | 'customer_id'
  | 'subject'
  | 'description'
  | 'order_number'
  | 'product'
  | 'reason'
  | 'desired_outcome'
  | 'team_id'
  | 'category'
  | 'status'
  | 'assignee_id'
  | 'created_at'
  | 'assigned_at'
  | 'updated_at'
  | 'triage'
  | 'triaged_category'
  | 'triaged_priority'
  | 'sla_first_response_due_at'
  | 'sla_first_response_risk_at'
  | 'sla_resolution_due_at'
  | 'sla_resolution_risk_at'
  | 'sla_next_alert_at'
> & { tags: string };

const BREACH_BITS = sql.lit(ALERT.firstResponseBreach | ALERT.resolutionBreach);
const FIRST_RESPONSE_RISK = sql.lit(ALERT.firstResponseRisk);
const RESOLUTION_RISK = sql.lit(ALERT.resolutionRisk);

/** A case's own columns; a read adds its people's names, and so does the insert's RETURNING. */
const caseOwnColumns = [
  'cases.id',
  'cases.subject',
  'cases.description',
  'cases.order_number',
  'cases.product',
  'cases.reason',
  'cases.desired_outcome',
  'cases.priority',
  'cases.team_id',
  'cases.category',
  'cases.status',
  'cases.customer_id',
  'cases.assignee_id',
  'cases.created_at',
  'cases.assigned_at',
  'cases.first_response_at',
  'cases.resolved_at',
  'cases.updated_at',
  'cases.tags',
  'cases.triage',
  'cases.sla_first_response_due_at',
  'cases.sla_first_response_risk_at',
  'cases.sla_resolution_due_at',
  'cases.sla_resolution_risk_at',
  'cases.sla_paused_at',
] as const;
const caseColumns = [
  ...caseOwnColumns,
  'customer.name as customer_name',
  'assignee.name as assignee_name',
  'team.name as team_name',
] as const;

const newCaseColumns = [
  'customer_id',
  'subject',
  'description',
  'order_number',
  'product',
  'reason',
  'desired_outcome',
  'priority',
  'team_id',
  'category',
  'status',
  'assignee_id',
  'created_at',
  'assigned_at',
  'updated_at',
  'tags',
  'triage',
  'triaged_category',
  'triaged_priority',
  'sla_first_response_due_at',
  'sla_first_response_risk_at',
  'sla_resolution_due_at',
  'sla_resolution_risk_at',
  'sla_next_alert_at',
] as const satisfies readonly (keyof NewCase)[];

/** Returns each case whole, as a read would (the names from scalar subqueries): intake's replies. */
// The triage record goes in but does not come back: it is the text just written (see insertCases).
const returnedOnInsert = caseOwnColumns.filter((column) => column !== 'cases.triage');
const insertRows = precompiledInsert('cases', newCaseColumns, (insert) =>
  insert
    .returning(returnedOnInsert as Exclude<(typeof caseOwnColumns)[number], 'cases.triage'>[])
    .returning((eb) => [
      eb.selectFrom('users').select('name').whereRef('users.id', '=', 'cases.customer_id').as('customer_name'),
      eb.selectFrom('users').select('name').whereRef('users.id', '=', 'cases.assignee_id').as('assignee_name'),
      eb.selectFrom('teams').select('name').whereRef('teams.id', '=', 'cases.team_id').as('team_name'),
    ])
    // The customer_id foreign key guarantees the customer's row; intake routes every case to an existing team.
    .$narrowType<{ customer_name: NotNull; team_name: NotNull }>(),
);

/**
 * Inserts intake's new cases in one statement and returns them in the order given. Neither engine
 * promises RETURNING's order, but both number the rows of one insert in the order they are inserted.
 */
export async function insertCases(trx: Trx, rows: NewCase[]): Promise<CaseRow[]> {
  const inserted = await insertRows(trx, rows);
  if (inserted.length !== rows.length) throw new Error(`${rows.length} cases inserted, ${inserted.length} returned`);
  inserted.sort((a, b) => a.id - b.id);
  return inserted.map((row, index) => ({ ...row, triage: rows[index]?.triage ?? null }));
}

function selectCases(db: Db | Trx) {
  return db
    .selectFrom('cases')
    .innerJoin('users as customer', 'customer.id', 'cases.customer_id')
    .innerJoin('teams as team', 'team.id', 'cases.team_id')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assignee_id')
    .select(caseColumns)
    .where('cases.status', '!=', 'deleted');
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

const findAnyCase = precompiled((db, _engine, caseId: number) => selectCases(db).where('cases.id', '=', caseId));
const findOwnCase = precompiled((db, _engine, caseId: number, customerId: number) =>
  selectCases(db).where('cases.id', '=', caseId).where('cases.customer_id', '=', customerId),
);

/** A case the caller may read: customers only their own (undefined otherwise, which becomes a 404). */
export async function findCaseRow(db: Db | Trx, caseId: number, scope: { customerId: number | null }) {
  const result =
    scope.customerId === null ? await findAnyCase(db, caseId) : await findOwnCase(db, caseId, scope.customerId);
  return result.rows[0];
}

export interface CaseFilter {
  customerId: number | null;
  status?: CaseStatus | undefined;
  priority?: number | undefined;
  assigneeId?: number | null | undefined;
  teamId?: number | undefined;
  category?: string | undefined;
  /** SPEC §13, from the crossings the SLA timer raised (migration 016's alert bits). */
  sla?: 'at_risk' | 'breached' | undefined;
  beforeId?: number | undefined;
  /** Queue order instead of newest first, continuing after this key. */
  queue?: { after: QueueKey | undefined } | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on id; or in queue order (rule 1), keyset-paginated on its keys. */
export function listCaseRows(db: Db, filter: CaseFilter) {
  let query = selectCases(db);
  if (filter.customerId !== null) query = query.where('cases.customer_id', '=', filter.customerId);
  if (filter.status !== undefined) query = query.where('cases.status', '=', filter.status);
  if (filter.priority !== undefined) query = query.where('cases.priority', '=', filter.priority);
  if (filter.assigneeId === null) query = query.where('cases.assignee_id', 'is', null);
  else if (filter.assigneeId !== undefined) query = query.where('cases.assignee_id', '=', filter.assigneeId);
  if (filter.teamId !== undefined) query = query.where('cases.team_id', '=', filter.teamId);
  if (filter.category !== undefined) query = query.where('cases.category', '=', filter.category);
  if (filter.sla === 'breached') {
    query = query
      .where('cases.status', 'in', ['new', 'open', 'pending'])
      .where(sql<boolean>`(cases.sla_alerts & ${BREACH_BITS}) != 0`);
  } else if (filter.sla === 'at_risk') {
    // A first response's risk counts until the reply; the resolution's until the case is done.
    query = query
      .where('cases.status', 'in', ['new', 'open'])
      .where('cases.sla_paused_at', 'is', null)
      .where(sql<boolean>`(cases.sla_alerts & ${BREACH_BITS}) = 0`)
      .where(
        sql<boolean>`((cases.sla_alerts & ${RESOLUTION_RISK}) != 0 or ((cases.sla_alerts & ${FIRST_RESPONSE_RISK}) != 0 and cases.first_response_at is null))`,
      );
  }
  if (filter.queue) {
    const after = filter.queue.after;
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('cases.priority', '>', after.priority),
          eb.and([eb('cases.priority', '=', after.priority), eb('cases.created_at', '>', after.createdAt)]),
          eb.and([
            eb('cases.priority', '=', after.priority),
            eb('cases.created_at', '=', after.createdAt),
            eb('cases.id', '>', after.id),
          ]),
        ]),
      );
    }
    return (
      query
        // The stored rank is 0 for urgent: ascending is urgent first (the index cases_queue_head).
        .orderBy('cases.priority')
        .orderBy('cases.created_at')
        .orderBy('cases.id')
        .limit(filter.limit + 1)
        .execute()
    );
  }
  if (filter.beforeId !== undefined) query = query.where('cases.id', '<', filter.beforeId);
  return query
    .orderBy('cases.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function updateCaseFields(
  trx: Trx,
  caseId: number,
  changes: Pick<Updateable<CasesTable>, 'priority' | 'status' | 'category' | 'tags' | 'triage_corrected_at'>,
  now: number,
) {
  await trx
    .updateTable('cases')
    .set({ ...changes, updated_at: now })
    .where('id', '=', caseId)
    .execute();
}

/** Queued and pending cases (the open ones are the agents' load less the pending: see the dashboard). */
export async function countQueuedAndPending(db: Db) {
  const rows = await db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['new', 'pending'])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
  return { queued: count('new'), pending: count('pending') };
}

/**
 * A literal 'new', so that PostgreSQL can use the partial index cases_queue_oldest (migration 005)
 * instead of walking cases_created_at through every closed case.
 */
export function oldestQueued(db: Db) {
  return db
    .selectFrom('cases')
    .select('created_at')
    .where('status', '=', sql.lit('new'))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export async function setFirstResponse(trx: Trx, caseId: number, now: number) {
  await trx
    .updateTable('cases')
    .set({ first_response_at: now, updated_at: now })
    .where('id', '=', caseId)
    .where('first_response_at', 'is', null)
    .execute();
}

const HOUR_MS = 3_600_000;

/**
 * Cases created and cases resolved per hour since `since`, keyed by epoch hour (millis / 1 h).
 * Integer division of the BIGINT millis is a floor on both engines, so one GROUP BY serves both.
 */
export function casesPerHourQuery(db: Db, column: 'created_at' | 'resolved_at', since: number) {
  const hour = sql<number>`${sql.ref(column)} / ${sql.lit(HOUR_MS)}`;
  return db
    .selectFrom('cases')
    .select([hour.as('hour'), (eb) => eb.fn.countAll<number>().as('count')])
    .where(column, '>=', since)
    .where('status', '!=', 'deleted')
    .groupBy(hour);
}

export async function countCasesPerHour(db: Db, since: number) {
  const countBy = async (column: 'created_at' | 'resolved_at') => {
    const rows = await casesPerHourQuery(db, column, since).execute();
    return rows.map((row) => ({ hour: Number(row.hour), count: Number(row.count) }));
  };
  const [created, resolved] = await Promise.all([countBy('created_at'), countBy('resolved_at')]);
  return { created, resolved };
}

/** Claims a key for this user inside the creating transaction; a duplicate fails on the primary key. */
export async function claimIdempotencyKey(
  trx: Trx,
  claim: { userId: number; key: string; requestHash: string; now: number },
) {
  await trx
    .insertInto('idempotency_keys')
    .values({ user_id: claim.userId, key: claim.key, request_hash: claim.requestHash, created_at: claim.now })
    .execute();
}

export async function attachIdempotencyKey(trx: Trx, userId: number, key: string, caseId: number) {
  await trx
    .updateTable('idempotency_keys')
    .set({ case_id: caseId })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

export function findIdempotencyKey(db: Db, userId: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'case_id'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}
