import type { Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import type { Trx } from '../../db/transaction.js';

type Executor = Db | Trx;
type NewUser = Omit<UsersTable, 'id' | 'status' | 'mail_opt_out'> & { status?: UsersTable['status'] };

const userColumns = ['id', 'email', 'name', 'role', 'password_hash', 'status'] as const;

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: number) {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, user: NewUser) {
  return db
    .insertInto('users')
    .values({ status: 'active', ...user })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export function findMailSettings(db: Executor, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'mail_opt_out'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateUser(
  db: Executor,
  id: number,
  changes: Pick<Updateable<UsersTable>, 'email' | 'name' | 'password_hash' | 'status' | 'mail_opt_out'>,
  now: number,
) {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function hasActiveAdmin(db: Executor) {
  return db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirst()
    .then(Boolean);
}

export async function insertSession(
  db: Executor,
  session: { userId: number; tokenHash: string; now: number; expiresAt: number },
) {
  const row = await db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      token_hash: session.tokenHash,
      created_at: session.now,
      expires_at: session.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live session of an active user, or nothing. */
export function findLiveSession(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'users.id as userId', 'users.role', 'sessions.expires_at as expiresAt'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

export async function revokeSession(db: Executor, sessionId: number, now: number) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Executor, userId: number, now: number) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertPasswordReset(
  db: Executor,
  reset: { userId: number; tokenHash: string; now: number; expiresAt: number },
) {
  await db
    .insertInto('password_resets')
    .values({ user_id: reset.userId, token_hash: reset.tokenHash, created_at: reset.now, expires_at: reset.expiresAt })
    .execute();
}

/** Marks an unused, unexpired reset as used and says whose it was; single use even under races. */
export async function consumePasswordReset(db: Executor, tokenHash: string, now: number) {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Active admins' addresses, for mail that concerns the whole support center. */
export async function listAdminEmails(db: Executor) {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .execute();
  return rows.map((row) => row.email);
}
