import { z } from 'zod';
import { nullableTimestamp, pageOf, timestampSchema } from './common.js';

export const mailSchema = z.object({
  id: z.number().int(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  /** The HTML alternative of case mail (its values escaped); null for text-only mail. */
  html: z.string().nullable(),
  createdAt: timestampSchema,
  sentAt: nullableTimestamp,
});
export type Mail = z.infer<typeof mailSchema>;
export const mailPage = pageOf(mailSchema);

/** An unsubscribe link's token (SPEC §11): `<user id>.<HMAC>`, checked by the server, never stored. */
export const unsubscribeQuery = z.object({ token: z.string().max(200) });
