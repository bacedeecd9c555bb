import { z } from 'zod';

// In a browser the web app's Content-Security-Policy forbids eval, which zod would otherwise probe
// (and compile object parsers with) on first use; the server keeps the faster compiled parsers.
if ('document' in globalThis) z.config({ jitless: true });

/** Database ids are positive 32-bit integers; anything else in a path is a validation error, never a 500. */
export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const idParams = z.object({ id: idSchema });

export const timestampSchema = z.iso.datetime();
export const nullableTimestamp = timestampSchema.nullable();

export const cursorSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor returned by this API');
export const limitSchema = z.coerce.number().int().min(1).max(100).default(25);
export const pageQuery = z.object({ limit: limitSchema, cursor: cursorSchema.optional() });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Free text that is stored: trimmed, not blank, bounded. PostgreSQL text cannot hold U+0000 (SQLite can),
 * so it is refused here and both engines answer the same 422 instead of PostgreSQL's 500.
 */
export const textSchema = (maxLength: number) => optionalTextSchema(maxLength).min(1);

/** Like textSchema, but may be empty (a description, a search). */
export const optionalTextSchema = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .refine((text) => !text.includes('\u0000'), 'must not contain the NUL character');

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const nameSchema = textSchema(100);
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

export const personRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
