import { z } from 'zod';
import { timestampSchema } from './common.js';
import { prioritySchema } from './priority.js';
import { categorySchema } from './teams.js';

/** SPEC §9: tags are lower-case words, at most 10 a case. */
export const TAG_LIMIT = 10;
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a tag is one lower-case word (letters, digits, hyphens; up to 32)');
export const tagsSchema = z
  .array(tagSchema)
  .max(TAG_LIMIT)
  .refine((tags) => new Set(tags).size === tags.length, 'lists a tag twice');

const confidence = z.number().min(0).max(1);

/** What triage decided for a case and why: kept on the case, shown to staff as "why". */
export const triageRecordSchema = z.object({
  category: categorySchema,
  priority: prioritySchema,
  tags: z.array(z.string()),
  confidence: z.object({ category: confidence, priority: confidence, tags: confidence }),
  /** The words or rules that decided, e.g. `rule: safety ("smoke")`, `word: "refund"`. */
  reasons: z.array(z.string()),
  model: z.string(),
  version: z.string(),
});
export type TriageRecord = z.infer<typeof triageRecordSchema>;

/** A preview: any text gets a result (empty or 100 KB alike); the limits only keep requests sane. */
export const triagePreviewBody = z.object({
  subject: z.string().max(1_000),
  description: z.string().max(200_000),
});
export type TriagePreviewBody = z.infer<typeof triagePreviewBody>;

const correctionCount = z.object({
  triaged: z.number().int(),
  corrected: z.number().int(),
  /** Share of triaged cases whose value staff left as it was; null with nothing triaged yet. */
  accuracy: z.number().min(0).max(1).nullable(),
});

export const triageStatsSchema = z.object({
  model: z.string(),
  version: z.string(),
  trainedOn: z.number().int(),
  trainedAt: timestampSchema,
  corrections: z.number().int(),
  category: correctionCount.extend({
    perCategory: z.array(correctionCount.extend({ category: categorySchema })),
  }),
  priority: correctionCount,
});
export type TriageStats = z.infer<typeof triageStatsSchema>;

export const retrainResult = z.object({
  model: z.string(),
  version: z.string(),
  trainedOn: z.number().int(),
  corrections: z.number().int(),
  durationMs: z.number(),
});
export type RetrainResult = z.infer<typeof retrainResult>;
