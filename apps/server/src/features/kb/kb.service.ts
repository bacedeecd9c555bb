import {
  type Article,
  type ArticleList,
  type Category,
  type CreateArticleBody,
  categorySchema,
  type KbFeedbackBody,
  type KbSearchQuery,
  type KbSearchResult,
  type KbStats,
  type UpdateArticleBody,
} from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { isStaff } from '../../context.js';
import { isUniqueViolation } from '../../db/engine.js';
import { conflict, notFound } from '../../http/app-error.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { assertCaseVisible } from '../cases/cases.service.js';
import * as repository from './kb.repository.js';
import { markdownToText, renderMarkdown } from './markdown.js';

const DESCRIPTION_CHARS = 160;
const TOP_DEFLECTING = 5;

const categoryOf = (value: string): Category => {
  const parsed = categorySchema.safeParse(value);
  return parsed.success ? parsed.data : 'product_question';
};

function toSummary(row: repository.ArticleSummaryRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    summary: row.summary,
    category: categoryOf(row.category),
    tags: JSON.parse(row.tags) as string[],
    status: row.status,
    updatedAt: toIso(row.updated_at),
  };
}

function toArticle(row: repository.ArticleRow): Article {
  return {
    ...toSummary(row),
    body: row.body,
    html: renderMarkdown(row.body),
    author: row.author_id === null ? null : { id: row.author_id, name: row.author_name ?? '' },
    publishedAt: toIsoOrNull(row.published_at),
  };
}

/** A description written for the article, else its first sentences (for results and meta descriptions). */
export function describeArticle(description: string | undefined, body: string): string {
  if (description?.trim()) return description.trim();
  const text = markdownToText(body).replace(/\s+/g, ' ').trim();
  if (text.length <= DESCRIPTION_CHARS) return text;
  const cut = text.lastIndexOf(' ', DESCRIPTION_CHARS - 1);
  return `${text.slice(0, cut > 80 ? cut : DESCRIPTION_CHARS - 1)}…`;
}

/** Drafts exist only for staff: anyone else gets the 404 of an article that is not there. */
async function findReadable(ctx: AppContext, caller: Caller | null, slug: string) {
  const row = await repository.findArticleRow(ctx.database.db, slug);
  if (!row || (row.status !== 'published' && !(caller && isStaff(caller)))) throw notFound('article');
  return row;
}

export async function getArticle(ctx: AppContext, caller: Caller | null, slug: string): Promise<Article> {
  return toArticle(await findReadable(ctx, caller, slug));
}

export async function listArticles(
  ctx: AppContext,
  caller: Caller | null,
  filter: { status?: 'draft' | 'published'; category?: Category },
): Promise<ArticleList> {
  const status = caller && isStaff(caller) ? filter.status : 'published';
  const rows = await repository.listArticleRows(ctx.database.db, { ...filter, status });
  return { items: rows.map(toSummary) };
}

/** The row of a new article (the API's and the demo seed's). */
export function newArticleRow(body: CreateArticleBody, authorId: number | null, now: number): repository.ArticleWrite {
  return {
    slug: body.slug,
    title: body.title,
    description: body.description?.trim() ?? '',
    summary: describeArticle(body.description, body.body),
    body: body.body,
    category: body.category,
    tags: JSON.stringify(body.tags),
    status: body.status,
    author_id: authorId,
    created_at: now,
    updated_at: now,
    published_at: body.status === 'published' ? now : null,
  };
}

export async function createArticle(ctx: AppContext, caller: Caller, body: CreateArticleBody): Promise<Article> {
  const row = newArticleRow(body, caller.userId, Date.now());
  let id: number;
  try {
    id = await repository.insertArticleRow(ctx.database.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`an article already has the slug '${body.slug}'`, 'slug');
    throw error;
  }
  ctx.kb.changed(id, { id, ...row, description: row.summary }, 1);
  return getArticle(ctx, caller, body.slug);
}

export async function updateArticle(
  ctx: AppContext,
  caller: Caller,
  slug: string,
  body: UpdateArticleBody,
): Promise<Article> {
  const current = await findReadable(ctx, caller, slug);
  const now = Date.now();
  const nextBody = body.body ?? current.body;
  const changes: Partial<repository.ArticleWrite> = {
    ...(body.slug !== undefined && { slug: body.slug }),
    ...(body.title !== undefined && { title: body.title }),
    ...(body.category !== undefined && { category: body.category }),
    ...(body.tags !== undefined && { tags: JSON.stringify(body.tags) }),
    ...(body.status !== undefined && { status: body.status }),
    ...(body.description !== undefined && { description: body.description.trim() }),
    ...((body.description !== undefined || body.body !== undefined) && {
      summary: describeArticle(body.description ?? current.description, nextBody),
    }),
    ...(body.body !== undefined && { body: body.body }),
    ...(body.status === 'published' && current.status !== 'published' && { published_at: now }),
    updated_at: now,
  };
  try {
    await repository.updateArticleRow(ctx.database.db, current.id, changes);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`an article already has the slug '${body.slug}'`, 'slug');
    throw error;
  }
  const updated = await findReadable(ctx, caller, changes.slug ?? slug);
  ctx.kb.changed(updated.id, { ...updated, description: updated.summary }, 0);
  return toArticle(updated);
}

export async function deleteArticle(ctx: AppContext, caller: Caller, slug: string): Promise<void> {
  const current = await findReadable(ctx, caller, slug);
  await repository.deleteArticleRow(ctx.database.db, current.id);
  ctx.kb.changed(current.id, null, -1);
}

export function previewMarkdown(body: string) {
  return { html: renderMarkdown(body) };
}

/** SPEC §10 search and suggest: published articles only, best first; any text is a query. */
export async function searchArticles(
  ctx: AppContext,
  query: KbSearchQuery,
  options: { typing?: boolean } = {},
): Promise<KbSearchResult> {
  return { items: await ctx.kb.search(query.q, query.limit, options) };
}

/** One step of a form visit's deflection funnel; repeating a step changes nothing. */
export async function recordFeedback(ctx: AppContext, caller: Caller, body: KbFeedbackBody): Promise<void> {
  if (body.event === 'created' && body.caseId !== undefined) {
    const visible = await assertCaseVisible(ctx, caller, body.caseId);
    if (visible.customerId !== caller.userId) throw notFound('case');
  }
  await repository.insertFeedbackRow(ctx.database.db, {
    session: body.session,
    event: body.event,
    slug: body.slug ?? '',
    case_id: body.caseId ?? null,
    user_id: caller.userId,
    created_at: Date.now(),
  });
}

/**
 * The deflection funnel over a period (all time without one): visits shown suggestions, visits an
 * article answered, and the rate — answered over answered plus cases reported after suggestions.
 */
async function deflectionFunnel(ctx: AppContext, period?: repository.FeedbackPeriod) {
  const db = ctx.database.db;
  const [counts, casesAfterSuggestions] = await Promise.all([
    repository.countFeedback(db, period),
    repository.countCasesAfterSuggestions(db, period),
  ]);
  const of = (event: string) => counts.find((row) => row.event === event);
  const deflected = Number(of('deflected')?.sessions ?? 0);
  const outcomes = deflected + casesAfterSuggestions;
  return { of, deflected, casesAfterSuggestions, rate: outcomes === 0 ? null : deflected / outcomes };
}

/** SPEC §13's help-center counts for a report's period (see countFirstVisits). */
export function visitsIn(ctx: AppContext, period: { from: number; to: number }) {
  return repository.countFirstVisits(ctx.database.db, period);
}

export async function kbStats(ctx: AppContext): Promise<KbStats> {
  const [{ of, deflected, casesAfterSuggestions, rate }, top] = await Promise.all([
    deflectionFunnel(ctx),
    repository.topDeflectingArticles(ctx.database.db, TOP_DEFLECTING),
  ]);
  return {
    sessions: Number(of('shown')?.sessions ?? 0),
    shown: Number(of('shown')?.rows ?? 0),
    opened: Number(of('opened')?.rows ?? 0),
    deflected,
    wentOn: Number(of('went_on')?.sessions ?? 0),
    casesAfterSuggestions,
    deflectionRate: rate,
    topDeflecting: top.map((row) => ({ slug: row.slug, title: row.title, deflected: Number(row.deflected) })),
  };
}
