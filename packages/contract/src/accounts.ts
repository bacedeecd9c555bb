import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema } from './common.js';

export const roleSchema = z.enum(['customer', 'agent', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

/** GET /auth/session: who is signed in, if anyone; a signed-out visit is an answer, not an error. */
export const sessionSchema = z.object({ user: userSchema.nullable() });
export type Session = z.infer<typeof sessionSchema>;

export const signupBody = z.object({ email: emailSchema, password: passwordSchema, name: nameSchema });
export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const authResponse = z.object({ user: userSchema, token: z.string() });
export const deleteAccountBody = z.object({ password: z.string().min(1).max(200) });
export const passwordResetBody = z.object({ email: emailSchema });
export const passwordResetConfirmBody = z.object({
  token: z.string().min(16).max(200),
  password: passwordSchema,
});

export type SignupBody = z.infer<typeof signupBody>;
export type LoginBody = z.infer<typeof loginBody>;

/** A customer's mail settings: `caseEmails` is off after an unsubscribe link or the account page's switch. */
export const mailPreferencesSchema = z.object({
  caseEmails: z.boolean().describe('Mail when support replies to or resolves one of my cases'),
});
export type MailPreferences = z.infer<typeof mailPreferencesSchema>;
export const updateMailPreferencesBody = mailPreferencesSchema;
