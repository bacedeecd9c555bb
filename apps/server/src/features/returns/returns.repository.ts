import type { Insertable } from 'kysely';
import type { Db, Engine } from '../../db/database.js';
import { lockForUpdate } from '../../db/engine.js';
import { precompiledInsert } from '../../db/precompiled.js';
import type { ReturnsTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

export type NewReturn = Required<Omit<Insertable<ReturnsTable>, 'id'>>;

const newReturnColumns = [
  'case_id',
  'state',
  'items',
  'delivered_at',
  'flags',
  'label_attachment_id',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof NewReturn)[];

const insertRows = precompiledInsert('returns', newReturnColumns, (insert) => insert.returning(['id', 'case_id']));

/** Intake's returns of one batch in one statement; each comes back with its id (the RMA number's). */
export function insertReturns(trx: Trx, rows: NewReturn[]) {
  return insertRows(trx, rows);
}

/**
 * The returns of these cases with their moves (oldest first) and each move's actor, in one query;
 * a customer's scope keeps to their own cases. A return without moves is one row with null move columns.
 */
export function listReturnRows(db: Db | Trx, caseIds: readonly number[], scope: { customerId: number | null }) {
  let query = db
    .selectFrom('returns')
    .innerJoin('cases', 'cases.id', 'returns.case_id')
    .leftJoin('return_moves as move', 'move.return_id', 'returns.id')
    .leftJoin('users as actor', 'actor.id', 'move.actor_id')
    .select([
      'returns.id',
      'returns.case_id',
      'returns.state',
      'returns.items',
      'returns.delivered_at',
      'returns.flags',
      'returns.label_attachment_id',
      'move.from_state',
      'move.to_state',
      'move.reason',
      'move.actor_id',
      'actor.name as actor_name',
      'move.created_at as moved_at',
    ])
    .where('returns.case_id', 'in', caseIds)
    .where('cases.status', '!=', 'deleted');
  if (scope.customerId !== null) query = query.where('cases.customer_id', '=', scope.customerId);
  return query.orderBy('returns.id').orderBy('move.id').execute();
}

export type ReturnRow = Awaited<ReturnType<typeof listReturnRows>>[number];

/** The case's return, locked until the commit (moves of one return go one at a time). */
export function lockReturnOfCase(trx: Trx, engine: Engine, caseId: number) {
  const query = trx.selectFrom('returns').select(['id', 'state']).where('case_id', '=', caseId);
  return lockForUpdate(query, engine).executeTakeFirst();
}

/** One move: the new state (only from the state it was read in) and its row in the history. */
export async function moveReturn(
  trx: Trx,
  move: {
    returnId: number;
    from: ReturnsTable['state'];
    to: ReturnsTable['state'];
    reason: string | null;
    actorId: number;
    labelAttachmentId: string | undefined;
    now: number;
  },
) {
  const result = await trx
    .updateTable('returns')
    .set({
      state: move.to,
      updated_at: move.now,
      ...(move.labelAttachmentId === undefined ? {} : { label_attachment_id: move.labelAttachmentId }),
    })
    .where('id', '=', move.returnId)
    .where('state', '=', move.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`return ${move.returnId} was not ${move.from}`);
  await trx
    .insertInto('return_moves')
    .values({
      return_id: move.returnId,
      from_state: move.from,
      to_state: move.to,
      reason: move.reason,
      actor_id: move.actorId,
      created_at: move.now,
    })
    .execute();
}
