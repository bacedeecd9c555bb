import type { ArticleStatus, KbFeedbackEvent } from '@caseflow/contract';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { KbArticlesTable } from '../../db/schema.js';

export type ArticleRow = Selectable<KbArticlesTable> & { author_name: string | null };

export type ArticleSummaryRow = Omit<ArticleRow, 'body' | 'author_id' | 'author_name' | 'created_at' | 'published_at'>;
export type ArticleWrite = Omit<ArticleRow, 'id' | 'author_name'>;

const summaryColumns = [
  'kb_articles.id',
  'kb_articles.slug',
  'kb_articles.title',
  'kb_articles.description',
  'kb_articles.summary',
  'kb_articles.category',
  'kb_articles.tags',
  'kb_articles.status',
  'kb_articles.updated_at',
] as const;

export function findArticleRow(db: Db, slug: string): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('kb_articles')
    .leftJoin('users', 'users.id', 'kb_articles.author_id')
    .selectAll('kb_articles')
    .select('users.name as author_name')
    .where('kb_articles.slug', '=', slug)
    .executeTakeFirst();
}

export function listArticleRows(
  db: Db,
  filter: { status?: ArticleStatus; category?: string },
): Promise<ArticleSummaryRow[]> {
  let query = db.selectFrom('kb_articles').select(summaryColumns);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.category) query = query.where('category', '=', filter.category);
  return query.orderBy('category').orderBy('title').orderBy('id').execute();
}

/** Published articles with their bodies, in id order from `afterId`: what the search index is built from. */
export function listPublishedForIndex(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('kb_articles')
    .select(['id', 'slug', 'title', 'summary as description', 'body', 'category', 'tags'])
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many articles there are and when the latest change was: how a search index sees it is behind. */
export async function articleTotals(db: Db): Promise<{ count: number; latest: number }> {
  const row = await db
    .selectFrom('kb_articles')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), latest: Number(row.latest ?? 0) };
}

/** Articles of any status changed at or after `since`. */
export function listArticlesChangedSince(db: Db, since: number) {
  return db
    .selectFrom('kb_articles')
    .select(['id', 'slug', 'title', 'summary as description', 'body', 'category', 'tags', 'status'])
    .where('updated_at', '>=', since)
    .orderBy('id')
    .execute();
}

export async function insertArticleRow(db: Db, row: ArticleWrite): Promise<number> {
  const inserted = await db.insertInto('kb_articles').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Inserts the article unless one has its slug; true when it was inserted. */
export async function insertArticleIfMissing(db: Db, row: ArticleWrite): Promise<boolean> {
  const inserted = await db
    .insertInto('kb_articles')
    .values(row)
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateArticleRow(db: Db, id: number, changes: Partial<ArticleWrite>): Promise<void> {
  await db.updateTable('kb_articles').set(changes).where('id', '=', id).execute();
}

export async function deleteArticleRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('kb_articles').where('id', '=', id).execute();
}

export async function insertFeedbackRow(
  db: Db,
  row: {
    session: string;
    event: KbFeedbackEvent;
    slug: string;
    case_id: number | null;
    user_id: number;
    created_at: number;
  },
): Promise<void> {
  await db
    .insertInto('kb_feedback')
    .values(row)
    .onConflict((conflict) => conflict.columns(['session', 'event', 'slug']).doNothing())
    .execute();
}

/** A period [from, to) of feedback times; none means all time. */
export type FeedbackPeriod = { from: number; to: number } | undefined;

/** Per event: rows, and distinct form visits. */
export function countFeedback(db: Db, period?: FeedbackPeriod) {
  let query = db
    .selectFrom('kb_feedback')
    .select((eb) => [
      'event',
      eb.fn.countAll<number>().as('rows'),
      sql<number>`count(distinct ${sql.ref('session')})`.as('sessions'),
    ]);
  if (period) query = query.where('created_at', '>=', period.from).where('created_at', '<', period.to);
  return query.groupBy('event').execute();
}

/**
 * Visits counted on the day of their first event of a kind, for reports: in [from, to), the sessions
 * whose first `shown` and first `deflected` fall in it, and those whose first `created` (a case
 * reported from the help center) falls in it after suggestions were shown (before it, in that visit). Over any split of a period
 * into parts, the parts' counts add up to the whole's.
 */
export async function countFirstVisits(db: Db, period: { from: number; to: number }) {
  const rows = await db
    .selectFrom('kb_feedback as f')
    .select((eb) => ['f.event', eb.fn.countAll<number>().as('sessions')])
    .where('f.created_at', '>=', period.from)
    .where('f.created_at', '<', period.to)
    .where('f.event', 'in', ['shown', 'deflected', 'created'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('kb_feedback as e')
            .select('e.id')
            .whereRef('e.session', '=', 'f.session')
            .whereRef('e.event', '=', 'f.event')
            .where((inner) =>
              inner.or([
                inner('e.created_at', '<', inner.ref('f.created_at')),
                inner.and([
                  inner('e.created_at', '=', inner.ref('f.created_at')),
                  inner('e.id', '<', inner.ref('f.id')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb('f.event', '!=', 'created'),
        eb.exists(
          eb
            .selectFrom('kb_feedback as s')
            .select('s.id')
            .whereRef('s.session', '=', 'f.session')
            .where('s.event', '=', 'shown')
            // Shown before the case, so a day's count depends on nothing written after it.
            .whereRef('s.created_at', '<=', 'f.created_at'),
        ),
      ]),
    )
    .groupBy('f.event')
    .execute();
  const of = (event: string) => Number(rows.find((row) => row.event === event)?.sessions ?? 0);
  return { shown: of('shown'), deflected: of('deflected'), casesAfterSuggestions: of('created') };
}

/** Cases created after suggestions were shown: a visit counts when it showed a suggestion and ended in a case. */
export async function countCasesAfterSuggestions(db: Db, period?: FeedbackPeriod): Promise<number> {
  let query = db
    .selectFrom('kb_feedback as created')
    .select(sql<number>`count(distinct ${sql.ref('created.session')})`.as('count'))
    .where('created.event', '=', 'created');
  if (period) {
    query = query.where('created.created_at', '>=', period.from).where('created.created_at', '<', period.to);
  }
  const row = await query
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('kb_feedback as shown')
          .select('shown.id')
          .whereRef('shown.session', '=', 'created.session')
          .where('shown.event', '=', 'shown')
          // As in countFirstVisits: suggestions shown before the case.
          .whereRef('shown.created_at', '<=', 'created.created_at'),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function topDeflectingArticles(db: Db, limit: number) {
  return db
    .selectFrom('kb_feedback')
    .innerJoin('kb_articles', 'kb_articles.slug', 'kb_feedback.slug')
    .select((eb) => ['kb_articles.slug', 'kb_articles.title', eb.fn.countAll<number>().as('deflected')])
    .where('kb_feedback.event', '=', 'deflected')
    .groupBy(['kb_articles.slug', 'kb_articles.title'])
    .orderBy('deflected', 'desc')
    .orderBy('kb_articles.slug')
    .limit(limit)
    .execute();
}
