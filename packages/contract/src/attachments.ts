import { z } from 'zod';

/** SPEC §12: at most 5 files a message. */
export const ATTACHMENT_LIMIT = 5;

export const attachmentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'not an upload id returned by POST /uploads');
export const attachmentIdsSchema = z
  .array(attachmentIdSchema)
  .max(ATTACHMENT_LIMIT, `at most ${ATTACHMENT_LIMIT} files`)
  .refine((ids) => new Set(ids).size === ids.length, 'lists an upload twice');

/** What POST /uploads answers: an upload only its uploader can attach, removed if never attached within a day. */
export const uploadSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  /** Decided by the file's bytes. */
  contentType: z.string(),
});
export type Upload = z.infer<typeof uploadSchema>;

export const attachmentSchema = uploadSchema.extend({
  url: z.string(),
  /** A small WebP of an image; null for documents and images that could not be decoded. */
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentParams = z.object({ id: attachmentIdSchema });
export const attachmentQuery = z.object({ thumb: z.enum(['0', '1']).optional() });
