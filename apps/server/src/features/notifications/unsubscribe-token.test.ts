import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

const key = randomBytes(32);

describe('unsubscribe tokens', () => {
  it('verify for the user they were made for, with the key that made them', () => {
    const token = unsubscribeToken(key, 42);
    expect(token).toMatch(/^42\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(key, token)).toEqual({ isValid: true, userId: 42 });
    expect(verifyUnsubscribeToken(randomBytes(32), token)).toEqual({ isValid: false, reason: 'forged' });
  });

  it('are forged when the id or any character of the MAC changes, including a spare-bit spelling', () => {
    const [, mac = ''] = unsubscribeToken(key, 42).split('.');
    expect(verifyUnsubscribeToken(key, `43.${mac}`).isValid).toBe(false);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The last character's two low bits carry no data: decoded, its sibling gives the same bytes.
    const sibling = alphabet[alphabet.indexOf(mac.at(-1) ?? 'A') ^ 1];
    expect(Buffer.from(`${mac.slice(0, -1)}${sibling}`, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
    const altered = [0, 21].map(
      (index) => `${mac.slice(0, index)}${mac[index] === 'A' ? 'B' : 'A'}${mac.slice(index + 1)}`,
    );
    for (const other of [...altered, `${mac.slice(0, -1)}${sibling}`]) {
      expect(verifyUnsubscribeToken(key, `42.${other}`), other).toEqual({ isValid: false, reason: 'forged' });
    }
  });

  it('are malformed when truncated, padded or out of the id range', () => {
    const token = unsubscribeToken(key, 7);
    for (const bad of [
      '',
      '7',
      '7.',
      token.slice(0, -1),
      `${token}A`,
      `${token}=`,
      `07.${token.slice(2)}`,
      `2147483648.${token.slice(2)}`,
      ` ${token}`,
    ]) {
      expect(verifyUnsubscribeToken(key, bad), bad).toEqual({ isValid: false, reason: 'malformed' });
    }
  });
});
