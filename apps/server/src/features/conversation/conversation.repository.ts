import type { Db } from '../../db/database.js';
import { precompiled, precompiledInsert } from '../../db/precompiled.js';
import type { MessagesTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

const insertRow = precompiled((trx, _engine, message: Omit<MessagesTable, 'id'>) =>
  trx.insertInto('messages').values(message).returning('id'),
);

const firstMessageColumns = ['case_id', 'author_id', 'body', 'visibility', 'created_at'] as const;
const insertRows = precompiledInsert('messages', firstMessageColumns, (insert) => insert);

/** Inserts many messages in one statement (intake's first messages). */
export async function insertMessages(trx: Trx, messages: Omit<MessagesTable, 'id'>[]) {
  await insertRows(trx, messages);
}

export async function insertMessage(trx: Trx, message: Omit<MessagesTable, 'id'>) {
  const row = (await insertRow(trx, message)).rows[0];
  if (!row) throw new Error('the message insert returned no id');
  return row.id;
}

const messageColumns = [
  'messages.id',
  'messages.case_id',
  'messages.author_id',
  'users.name as author_name',
  'users.role as author_role',
  'messages.body',
  'messages.visibility',
  'messages.created_at',
] as const;

export type MessageRow = Awaited<ReturnType<typeof listMessageRows>>[number];

/** Oldest first (newest last), keyset-paginated on id. */
export function listMessageRows(
  db: Db,
  options: { caseId: number; includeInternal: boolean; afterId: number | undefined; limit: number },
) {
  let query = db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.author_id')
    .select(messageColumns)
    .where('messages.case_id', '=', options.caseId);
  if (!options.includeInternal) query = query.where('messages.visibility', '=', 'public');
  if (options.afterId !== undefined) query = query.where('messages.id', '>', options.afterId);
  return query
    .orderBy('messages.id')
    .limit(options.limit + 1)
    .execute();
}

export function findMessageRow(db: Db | Trx, caseId: number, messageId: number) {
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.author_id')
    .select(messageColumns)
    .where('messages.case_id', '=', caseId)
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
}

export async function firstMessageId(db: Db | Trx, caseId: number) {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function deleteMessageRow(trx: Trx, messageId: number) {
  await trx.deleteFrom('messages').where('id', '=', messageId).execute();
}
