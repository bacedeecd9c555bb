import { signedIdToken, type TokenCheck } from '../../http/signed-id-token.js';

const token = signedIdToken('caseflow:mail-unsubscribe:v1');

/**
 * The token of a user's unsubscribe link (a signed user id, nothing stored). Anyone holding a
 * forwarded mail can switch that person's case mail off or on again, nothing more.
 */
export const unsubscribeToken = (key: Buffer, userId: number) => token.sign(key, userId);

/** Checks a token in constant time; a malformed one (a truncated link) is told apart from a forged one. */
export function verifyUnsubscribeToken(
  key: Buffer,
  given: string,
): { isValid: true; userId: number } | Exclude<TokenCheck, { isValid: true }> {
  const check = token.verify(key, given);
  return check.isValid ? { isValid: true, userId: check.id } : check;
}
