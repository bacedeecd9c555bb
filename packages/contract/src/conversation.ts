import { z } from 'zod';
import { roleSchema } from './accounts.js';
import { attachmentIdsSchema, attachmentSchema } from './attachments.js';
import { idSchema, pageOf, personRefSchema, textSchema, timestampSchema } from './common.js';

export const messageSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  author: personRefSchema.extend({ role: roleSchema }),
  body: z.string(),
  internal: z.boolean(),
  createdAt: timestampSchema,
  attachments: z.array(attachmentSchema),
});
export type Message = z.infer<typeof messageSchema>;

export const createMessageBody = z.object({
  body: textSchema(10_000),
  internal: z.boolean().default(false),
  /** Uploads (POST /uploads) of the caller's, not yet attached. */
  attachmentIds: attachmentIdsSchema.optional(),
});
export type CreateMessageBody = z.infer<typeof createMessageBody>;
export const messagePage = pageOf(messageSchema);
export const messageParams = z.object({ id: idSchema, messageId: idSchema });
