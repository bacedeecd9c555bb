import type { LoginBody, MailPreferences, SignupBody, User } from '@caseflow/contract';
import type { AppContext, Caller, Role } from '../../context.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/engine.js';
import type { Trx } from '../../db/transaction.js';
import { runTransaction } from '../../db/transaction.js';
import { AppError, conflict, invalid } from '../../http/app-error.js';
import { deleteAttachmentsOf } from '../attachments/index.js';
import * as repository from './accounts.repository.js';
import { assertAcceptablePassword } from './password-policy.js';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets.js';

const HOUR = 3_600_000;
const RESET_TTL = HOUR;
const INVITATION_TTL = 7 * 24 * HOUR;

type UserRow = { id: number; email: string; name: string; role: Role };
const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, role: row.role });

export function authenticateToken(ctx: AppContext, token: string): Promise<Caller | null> {
  const tokenHash = hashSecret(token);
  const now = Date.now();
  return ctx.sessions.resolve(tokenHash, now, async () => {
    const session = await repository.findLiveSession(ctx.database.db, tokenHash, now);
    if (!session) return undefined;
    return {
      caller: { userId: session.userId, role: session.role, sessionId: session.sessionId },
      expiresAt: session.expiresAt,
    };
  });
}

async function startSession(ctx: AppContext, userId: number): Promise<string> {
  const token = newSecret();
  const now = Date.now();
  await repository.insertSession(ctx.database.db, {
    userId,
    tokenHash: hashSecret(token),
    now,
    expiresAt: now + ctx.config.sessionDays * 24 * HOUR,
  });
  return token;
}

/** Checks a new password against the policy and hashes it; none (an invitation) gives no hash. */
export async function hashNewPassword(password: string | undefined): Promise<string | null> {
  if (password === undefined) return null;
  await assertAcceptablePassword(password);
  return hashPassword(password);
}

/**
 * Creates a user of any role inside the caller's transaction; 409 when the email is taken. The
 * password is hashed before (hashNewPassword): a write transaction must not wait for scrypt.
 */
export async function createAccount(
  trx: Db | Trx,
  account: { email: string; name: string; role: Role; passwordHash: string | null },
): Promise<User> {
  const now = Date.now();
  try {
    const row = await repository.insertUser(trx, {
      email: account.email.toLowerCase(),
      name: account.name,
      role: account.role,
      password_hash: account.passwordHash,
      created_at: now,
      updated_at: now,
    });
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('an account with this email already exists', 'email');
    throw error;
  }
}

/**
 * A new customer account and its session. The email of a chat guest (a customer without a password)
 * is not taken over by whoever signs up with it: the guest is mailed the link to choose their password,
 * which keeps their cases, and the answer is the 409 saying so.
 */
export async function signup(ctx: AppContext, body: SignupBody) {
  const passwordHash = await hashNewPassword(body.password);
  try {
    const user = await createAccount(ctx.database.db, {
      email: body.email,
      name: body.name,
      role: 'customer',
      passwordHash,
    });
    return { user, token: await startSession(ctx, user.id) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    const row = await repository.findUserByEmail(ctx.database.db, body.email.toLowerCase());
    if (row?.role !== 'customer' || row.status !== 'active' || row.password_hash !== null) throw error;
    await sendPasswordLink(ctx, row, { kind: 'reset' });
    throw conflict(
      'you have written to us from the chat with this email: we have emailed you a link to choose your password, which keeps your cases',
      'email',
    );
  }
}

export async function login(ctx: AppContext, body: LoginBody) {
  const row = await repository.findUserByEmail(ctx.database.db, body.email);
  const isValid = await verifyPassword(body.password, row?.password_hash ?? null);
  if (!row || !isValid || row.status !== 'active') {
    throw new AppError('unauthenticated', 'wrong email or password');
  }
  return { user: toUser(row), token: await startSession(ctx, row.id) };
}

export async function logout(ctx: AppContext, caller: Caller) {
  await repository.revokeSession(ctx.database.db, caller.sessionId, Date.now());
  // Open sockets were authenticated by this session; they must not outlive it.
  ctx.bus.publish([{ name: 'session.revoked', sessionId: caller.sessionId }]);
}

/** The caller's own account; null when it is gone (erased since the session began). */
export async function findMe(ctx: AppContext, caller: Caller): Promise<User | null> {
  const row = await repository.findUserById(ctx.database.db, caller.userId);
  return row ? toUser(row) : null;
}

export async function getMe(ctx: AppContext, caller: Caller): Promise<User> {
  const me = await findMe(ctx, caller);
  if (!me) throw new AppError('unauthenticated', 'sign in to continue');
  return me;
}

export async function findAccountByEmail(ctx: AppContext, email: string) {
  const row = await repository.findUserByEmail(ctx.database.db, email.toLowerCase());
  return row ? { ...toUser(row), isActive: row.status === 'active' } : undefined;
}

/** Names of users for display; history keeps the names of deactivated users. */
export async function getUserRef(db: Db | Trx, userId: number) {
  const row = await repository.findUserById(db, userId);
  return row ? { id: row.id, name: row.name, role: row.role } : undefined;
}

/** Whether the caller gets case mail (SPEC §11); an unsubscribe link turns it off as well. */
export async function getMailPreferences(ctx: AppContext, caller: Caller): Promise<MailPreferences> {
  const row = await repository.findMailSettings(ctx.database.db, caller.userId);
  if (!row) throw new AppError('unauthenticated', 'sign in to continue');
  return { caseEmails: row.mail_opt_out === 0 };
}

export async function updateMailPreferences(
  ctx: AppContext,
  caller: Caller,
  body: MailPreferences,
): Promise<MailPreferences> {
  await setMailOptOut(ctx.database.db, caller.userId, !body.caseEmails);
  return getMailPreferences(ctx, caller);
}

export async function setMailOptOut(db: Db | Trx, userId: number, optOut: boolean) {
  await repository.updateUser(db, userId, { mail_opt_out: optOut ? 1 : 0 }, Date.now());
}

/**
 * Who a mail about a user's case would go to, for background mail (no caller: never reached from a
 * route). `canReceive` is false for deleted and deactivated accounts and for those who opted out.
 */
export async function findMailRecipient(db: Db | Trx, userId: number) {
  const row = await repository.findMailSettings(db, userId);
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    canReceive: row.status === 'active' && row.mail_opt_out === 0,
  };
}

/** Erases a customer's personal data; their cases stay, anonymised, for the shop's records. */
export async function deleteAccount(ctx: AppContext, caller: Caller, password: string) {
  const row = await repository.findUserById(ctx.database.db, caller.userId);
  if (!row || !(await verifyPassword(password, row.password_hash))) throw invalid('password', 'wrong password');
  const removeFiles = await runTransaction(ctx.database, async (trx) => {
    const now = Date.now();
    await repository.updateUser(
      trx,
      row.id,
      { email: `deleted-${row.id}@users.invalid`, name: 'Deleted customer', password_hash: null, status: 'deleted' },
      now,
    );
    await repository.revokeUserSessions(trx, row.id, now);
    // Their photos and documents are personal data too (SPEC §12): rows now, files after the commit.
    return deleteAttachmentsOf(ctx, trx, { uploaderId: row.id });
  });
  ctx.bus.publish([{ name: 'session.revoked', userId: row.id }]);
  await removeFiles();
}

/** Deactivates a user (an agent being removed): no more sign-in, history keeps the name. */
export async function deactivateAccount(trx: Trx, userId: number) {
  const now = Date.now();
  await repository.updateUser(trx, userId, { status: 'deactivated' }, now);
  await repository.revokeUserSessions(trx, userId, now);
}

export async function updateAccountName(trx: Trx, userId: number, name: string) {
  await repository.updateUser(trx, userId, { name }, Date.now());
}

type PasswordLink =
  | { kind: 'reset' }
  | { kind: 'invitation' }
  /** A chat widget's guest (SPEC §14): their case, and a password to follow it in the app. */
  | { kind: 'guest'; caseNumber: string };

function passwordMail(user: { email: string; name: string }, link: string, mail: PasswordLink) {
  switch (mail.kind) {
    case 'reset':
      return {
        to: user.email,
        subject: 'Reset your Caseflow password',
        text: `Hello ${user.name},\n\nSomeone asked to reset your Caseflow password. If it was you, open this link within an hour:\n\n${link}\n\nIf it was not you, ignore this mail; your password stays as it is.`,
      };
    case 'invitation':
      return {
        to: user.email,
        subject: 'You have been invited to Caseflow',
        text: `Hello ${user.name},\n\nYou have been added as a support agent. Choose your password within 7 days:\n\n${link}`,
      };
    case 'guest':
      return {
        to: user.email,
        subject: `We have your message: case ${mail.caseNumber}`,
        text: `Hello ${user.name},\n\nThanks for writing to us from the chat. Your case is ${mail.caseNumber}; our replies appear in the chat window and here in your mail.\n\nTo follow it any time, choose a password within 7 days and sign in:\n\n${link}\n\nIf you did not write to us, ignore this mail.`,
      };
  }
}

async function sendPasswordLink(
  ctx: AppContext,
  user: { id: number; email: string; name: string },
  mail: PasswordLink,
) {
  const token = newSecret();
  const now = Date.now();
  await repository.insertPasswordReset(ctx.database.db, {
    userId: user.id,
    tokenHash: hashSecret(token),
    now,
    expiresAt: now + (mail.kind === 'reset' ? RESET_TTL : INVITATION_TTL),
  });
  await ctx.mailer.send(passwordMail(user, `${ctx.config.publicUrl}/reset-password?token=${token}`, mail));
}

/** Always succeeds from the outside, so it does not reveal which emails have accounts. */
export async function requestPasswordReset(ctx: AppContext, email: string) {
  const row = await repository.findUserByEmail(ctx.database.db, email);
  if (row && row.status === 'active') await sendPasswordLink(ctx, row, { kind: 'reset' });
}

export async function sendInvitation(ctx: AppContext, user: { id: number; email: string; name: string }) {
  await sendPasswordLink(ctx, user, { kind: 'invitation' });
}

/**
 * A widget guest's first mail: their case number and, while the account has no password, the link to
 * choose one (then they sign in and find the case); with a password, where to sign in.
 */
export async function sendGuestWelcome(
  ctx: AppContext,
  user: { id: number; email: string; name: string },
  caseNumber: string,
) {
  const row = await repository.findUserById(ctx.database.db, user.id);
  if (row?.password_hash === null) return sendPasswordLink(ctx, user, { kind: 'guest', caseNumber });
  await ctx.mailer.send({
    to: user.email,
    subject: `We have your message: case ${caseNumber}`,
    text: `Hello ${user.name},\n\nThanks for writing to us from the chat. Your case is ${caseNumber}; our replies appear in the chat window and here in your mail. You can also follow it when you sign in:\n\n${ctx.config.publicUrl}/login`,
  });
}

export async function confirmPasswordReset(ctx: AppContext, token: string, password: string) {
  await assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  const resetUserId = await runTransaction(ctx.database, async (trx) => {
    const now = Date.now();
    const userId = await repository.consumePasswordReset(trx, hashSecret(token), now);
    if (userId === undefined) return undefined;
    const user = await repository.findUserById(trx, userId);
    if (user?.status !== 'active') return undefined;
    await repository.updateUser(trx, userId, { password_hash: passwordHash }, now);
    await repository.revokeUserSessions(trx, userId, now);
    return userId;
  });
  if (resetUserId === undefined) throw invalid('token', 'this link is invalid, used or expired; ask for a new one');
  ctx.bus.publish([{ name: 'session.revoked', userId: resetUserId }]);
}

/** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is none yet. */
export async function ensureAdmin(ctx: AppContext): Promise<'exists' | 'created' | 'missing'> {
  const admin = ctx.config.admin;
  if (await repository.hasActiveAdmin(ctx.database.db)) return 'exists';
  if (!admin) return 'missing';
  await createAccount(ctx.database.db, {
    email: admin.email,
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashNewPassword(admin.password),
  });
  return 'created';
}

/** Mail to every active admin (an endpoint switched off after days of failures, say). */
export async function mailAdmins(ctx: AppContext, mail: { subject: string; text: string }) {
  for (const to of await repository.listAdminEmails(ctx.database.db)) await ctx.mailer.send({ to, ...mail });
}
