import { type Category, categorySchema, PRIORITY_RANK, priorityOfRank, type TriageRecord } from '@caseflow/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Trx } from '../../db/transaction.js';
import type { LabelledMessage } from './model/index.js';

/**
 * Cases staff corrected, as training examples labelled with what the case says now: the corrections
 * that join the shipped set on a retrain (SPEC §9).
 */
export async function listCorrectedCases(db: Db): Promise<LabelledMessage[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'subject', 'description', 'category', 'priority', 'tags'])
    .where('triage_corrected_at', 'is not', null)
    .where('status', '!=', 'deleted')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const category = categorySchema.safeParse(row.category);
    const priority = priorityOfRank(row.priority);
    if (!category.success || !priority) return [];
    return [
      {
        id: `case-${row.id}`,
        subject: row.subject,
        description: row.description,
        category: category.data,
        priority,
        tags: JSON.parse(row.tags) as string[],
      },
    ];
  });
}

const corrected = (column: string, triaged: string) =>
  sql<number>`sum(case when ${sql.ref(column)} is distinct from ${sql.ref(triaged)} then 1 else 0 end)`;

/** Per category triage chose: how many cases, and how many of them staff moved to another category. */
export async function countCategoryCorrections(db: Db) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => [
      'triaged_category',
      eb.fn.countAll<number>().as('triaged'),
      corrected('category', 'triaged_category').as('corrected'),
    ])
    .where('triaged_category', 'is not', null)
    .where('status', '!=', 'deleted')
    .groupBy('triaged_category')
    .execute();
  return rows.map((row) => ({
    category: row.triaged_category as Category,
    triaged: Number(row.triaged),
    corrected: Number(row.corrected ?? 0),
  }));
}

export async function countPriorityCorrections(db: Db) {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<number>().as('triaged'),
      corrected('priority', 'triaged_priority').as('corrected'),
      eb.fn.count<number>('triage_corrected_at').as('corrections'),
    ])
    .where('triaged_priority', 'is not', null)
    .where('status', '!=', 'deleted')
    .executeTakeFirstOrThrow();
  return { triaged: Number(row.triaged), corrected: Number(row.corrected ?? 0), corrections: Number(row.corrections) };
}

export function findCaseText(db: Db, caseId: number) {
  return db
    .selectFrom('cases')
    .select(['subject', 'description', 'status', 'first_response_at'])
    .where('id', '=', caseId)
    .where('status', '!=', 'deleted')
    .executeTakeFirst();
}

/** What staff and the provider may change of triage's work, read under the case's lock. */
export async function findTriageState(trx: Trx, caseId: number) {
  const row = await trx
    .selectFrom('cases')
    .select(['category', 'tags', 'triage', 'triage_corrected_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    category: row.category as Category | null,
    tags: JSON.parse(row.tags) as string[],
    triage: row.triage === null ? null : (JSON.parse(row.triage) as TriageRecord),
    triage_corrected_at: row.triage_corrected_at,
  };
}

/** The provider's record becomes what triage decided: the case's values and the record of why. */
export async function saveRetriage(trx: Trx, caseId: number, record: TriageRecord, now: number) {
  await trx
    .updateTable('cases')
    .set({
      category: record.category,
      priority: PRIORITY_RANK[record.priority],
      tags: JSON.stringify(record.tags),
      triage: JSON.stringify(record),
      triaged_category: record.category,
      triaged_priority: PRIORITY_RANK[record.priority],
      updated_at: now,
    })
    .where('id', '=', caseId)
    .execute();
}
