import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_ID = 2_147_483_647;
const TOKEN = /^([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/;

export type TokenCheck = { isValid: true; id: number } | { isValid: false; reason: 'malformed' | 'forged' };

/**
 * Tokens of no-sign-in links that name one row: `<id>.<HMAC-SHA256 of purpose:id with the server's
 * secret key, base64url>`. Nothing is stored, so a link works at once. `purpose` binds the MAC to one
 * use, so a token of one kind (or the key's other uses, sealing webhook secrets) never passes as
 * another. Limits: a token never expires and cannot be revoked alone (a new SECRET_KEY voids all);
 * what it may do once is for its feature to enforce.
 */
export function signedIdToken(purpose: string) {
  const macOf = (key: Buffer, id: number) => createHmac('sha256', key).update(`${purpose}:${id}`).digest();
  return {
    sign: (key: Buffer, id: number) => `${id}.${macOf(key, id).toString('base64url')}`,
    /** Checks in constant time; a malformed token (a truncated link) is told apart from a forged one. */
    verify(key: Buffer, token: string): TokenCheck {
      const match = TOKEN.exec(token);
      const id = Number(match?.[1]);
      if (!match?.[2] || !Number.isSafeInteger(id) || id > MAX_ID) return { isValid: false, reason: 'malformed' };
      // Compared as text: base64url's last character has spare bits, and only the canonical spelling is valid.
      const given = Buffer.from(match[2], 'ascii');
      const expected = Buffer.from(macOf(key, id).toString('base64url'), 'ascii');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { isValid: false, reason: 'forged' };
      }
      return { isValid: true, id };
    },
  };
}
