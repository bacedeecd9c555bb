import { createHmac, timingSafeEqual } from 'node:crypto';

/** Binds the MAC to this use, so the key's other uses (sealing webhook secrets) can never yield a valid token. */
const PURPOSE = 'caseflow:mail-unsubscribe:v1';
const MAX_USER_ID = 2_147_483_647;
const TOKEN = /^([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/;

const macOf = (key: Buffer, userId: number) => createHmac('sha256', key).update(`${PURPOSE}:${userId}`).digest();

/**
 * The token of a user's unsubscribe link: `<user id>.<HMAC-SHA256 of it with the server's secret
 * key, base64url>`. Nothing is stored, so it works at once and without signing in. Limits: it never
 * expires and cannot be revoked alone (only a new SECRET_KEY voids every link, and with it the
 * sealed webhook secrets); anyone holding a forwarded mail can switch that person's case mail
 * off or on again, nothing more.
 */
export function unsubscribeToken(key: Buffer, userId: number): string {
  return `${userId}.${macOf(key, userId).toString('base64url')}`;
}

export type TokenCheck = { isValid: true; userId: number } | { isValid: false; reason: 'malformed' | 'forged' };

/** Checks a token in constant time; a malformed one (a truncated link) is told apart from a forged one. */
export function verifyUnsubscribeToken(key: Buffer, token: string): TokenCheck {
  const match = TOKEN.exec(token);
  const userId = Number(match?.[1]);
  if (!match?.[2] || !Number.isSafeInteger(userId) || userId > MAX_USER_ID) {
    return { isValid: false, reason: 'malformed' };
  }
  // Compared as text: base64url's last character has spare bits, and only the canonical spelling is valid.
  const given = Buffer.from(match[2], 'ascii');
  const expected = Buffer.from(macOf(key, userId).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { isValid: false, reason: 'forged' };
  return { isValid: true, userId };
}
