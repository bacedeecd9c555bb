import { z } from 'zod';
import { nullableTimestamp, pageOf, timestampSchema } from './common.js';

export const mailSchema = z.object({
  id: z.number().int(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: timestampSchema,
  sentAt: nullableTimestamp,
});
export type Mail = z.infer<typeof mailSchema>;
export const mailPage = pageOf(mailSchema);
