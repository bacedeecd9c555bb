import { z } from 'zod';
import { idSchema, optionalTextSchema, textSchema, timestampSchema } from './common.js';
import { categorySchema } from './teams.js';
import { tagsSchema } from './triage.js';

/** SPEC §10: a slug is the article's URL: lower-case words joined by hyphens. */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters and digits joined by single hyphens');

export const articleStatusSchema = z.enum(['draft', 'published']);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;

export const ARTICLE_LIMITS = { title: 200, description: 300, body: 100_000 } as const;

const articleFields = {
  slug: slugSchema,
  title: textSchema(ARTICLE_LIMITS.title),
  /** One sentence for search results and the page's meta description; the body's start when left out. */
  description: optionalTextSchema(ARTICLE_LIMITS.description),
  body: textSchema(ARTICLE_LIMITS.body),
  category: categorySchema,
  tags: tagsSchema,
  status: articleStatusSchema,
};

export const createArticleBody = z.object({
  ...articleFields,
  description: articleFields.description.optional(),
  tags: articleFields.tags.default([]),
  status: articleFields.status.default('draft'),
});
export type CreateArticleBody = z.infer<typeof createArticleBody>;

/** Only the fields named change (no defaults here: a rename must not unpublish). */
export const updateArticleBody = z
  .object(articleFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');
export type UpdateArticleBody = z.infer<typeof updateArticleBody>;

export const slugParams = z.object({ slug: slugSchema });

export const articleSummarySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  /** As staff wrote it; '' when they wrote none. */
  description: z.string(),
  /** What results and pages show: the description, else the body's first sentences. */
  summary: z.string(),
  category: categorySchema,
  tags: z.array(z.string()),
  status: articleStatusSchema,
  updatedAt: timestampSchema,
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleSchema = articleSummarySchema.extend({
  body: z.string(),
  /** The body rendered to HTML on the server; hostile HTML and links are neutralised. */
  html: z.string(),
  author: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  publishedAt: timestampSchema.nullable(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleListQuery = z.object({
  status: articleStatusSchema.optional(),
  category: categorySchema.optional(),
});
export const articleListSchema = z.object({ items: z.array(articleSummarySchema) });
export type ArticleList = z.infer<typeof articleListSchema>;

export const markdownPreviewBody = z.object({ body: z.string().max(ARTICLE_LIMITS.body) });
export const markdownPreviewSchema = z.object({ html: z.string() });

/** Any text is a query (quotes, `*`, `NEAR`, SQL): an odd one finds nothing, never fails. */
export const kbSearchQuery = z.object({
  q: z.string().max(2_000).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type KbSearchQuery = z.infer<typeof kbSearchQuery>;

export const kbSearchHitSchema = z.object({
  slug: z.string(),
  title: z.string(),
  category: categorySchema,
  /** A plain-text excerpt around what matched. */
  snippet: z.string(),
  /** Higher is better; comparable only within one answer. */
  score: z.number(),
});
export type KbSearchHit = z.infer<typeof kbSearchHitSchema>;
export const kbSearchResultSchema = z.object({ items: z.array(kbSearchHitSchema) });
export type KbSearchResult = z.infer<typeof kbSearchResultSchema>;

/**
 * SPEC §10 deflection, one visit of the new-case form (`session`, chosen by the client) at a time:
 * `shown` and `opened` name an article; `deflected` ends the visit with no case; `created` names the
 * case the visit ended with after suggestions were shown.
 */
export const kbFeedbackEventSchema = z.enum(['shown', 'opened', 'deflected', 'went_on', 'created']);
export type KbFeedbackEvent = z.infer<typeof kbFeedbackEventSchema>;
export const kbFeedbackBody = z
  .object({
    session: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, - or _'),
    event: kbFeedbackEventSchema,
    slug: slugSchema.optional(),
    caseId: idSchema.optional(),
  })
  .superRefine((body, issues) => {
    if ((body.event === 'shown' || body.event === 'opened') && body.slug === undefined)
      issues.addIssue({ code: 'custom', path: ['slug'], message: `a '${body.event}' event names the article` });
    if (body.event === 'created' && body.caseId === undefined)
      issues.addIssue({ code: 'custom', path: ['caseId'], message: "a 'created' event names the case" });
  });
export type KbFeedbackBody = z.infer<typeof kbFeedbackBody>;

export const kbStatsSchema = z.object({
  /** Form visits that showed at least one suggestion. */
  sessions: z.number().int(),
  shown: z.number().int(),
  opened: z.number().int(),
  deflected: z.number().int(),
  wentOn: z.number().int(),
  casesAfterSuggestions: z.number().int(),
  /** deflected ÷ (deflected + cases created after suggestions were shown); null before any. */
  deflectionRate: z.number().min(0).max(1).nullable(),
  topDeflecting: z.array(z.object({ slug: z.string(), title: z.string(), deflected: z.number().int() })),
});
export type KbStats = z.infer<typeof kbStatsSchema>;
