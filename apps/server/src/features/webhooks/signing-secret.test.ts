import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningSecret, loadSecretKey, openSecret, sealSecret } from './signing-secret.js';

const directories: string[] = [];
const newDataDir = () => {
  const directory = mkdtempSync(join(tmpdir(), 'caseflow-secret-'));
  directories.push(directory);
  return join(directory, 'data');
};
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('generateSigningSecret', () => {
  it('makes distinct whsec_ secrets of 24 random bytes that standardwebhooks accepts', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(generateSigningSecret()).not.toBe(secret);
    expect(() => new Webhook(secret).sign('msg_1', new Date(), '{}')).not.toThrow();
  });
});

describe('sealSecret and openSecret', () => {
  const key = randomBytes(32);
  const secret = generateSigningSecret();

  it('round-trips, with a fresh IV each time, and the sealed text does not contain the secret', () => {
    const sealed = sealSecret(secret, key);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(openSecret(sealed, key)).toBe(secret);
    expect(sealSecret(secret, key)).not.toBe(sealed);
    expect(sealed).not.toContain(secret.slice('whsec_'.length, 16));
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(secret);
  });

  it('detects tampering with the IV, tag or ciphertext', () => {
    const parts = sealSecret(secret, key).split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const tampered = parts.map((part, at) => (at === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => openSecret(tampered, key)).toThrow();
    }
    expect(() => openSecret(`v2.${parts.slice(1).join('.')}`, key)).toThrow(/malformed/);
    expect(() => openSecret(parts.slice(0, 3).join('.'), key)).toThrow(/malformed/);
  });

  it('fails with another key', () => {
    expect(() => openSecret(sealSecret(secret, key), randomBytes(32))).toThrow(/another key/);
  });
});

describe('loadSecretKey', () => {
  it('creates <dataDir>/secret.key once, mode 0600, and reuses it', () => {
    const dataDir = newDataDir();
    const key = loadSecretKey({ secretKey: undefined, dataDir });
    expect(key).toHaveLength(32);
    const path = join(dataDir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(Buffer.from(text, 'base64')).toEqual(key);

    const again = loadSecretKey({ secretKey: undefined, dataDir });
    expect(again).toEqual(key);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dataDir)).toEqual(['secret.key']);
    expect(openSecret(sealSecret('whsec_x', key), again)).toBe('whsec_x');
  });

  it('prefers SECRET_KEY over the key file', () => {
    const dataDir = newDataDir();
    const fileKey = loadSecretKey({ secretKey: undefined, dataDir });
    const configured = randomBytes(32);
    const key = loadSecretKey({ secretKey: configured.toString('base64'), dataDir });
    expect(key).toEqual(configured);
    expect(key).not.toEqual(fileKey);
  });

  it('does not create a key file when SECRET_KEY is set, and refuses a short one', () => {
    const dataDir = newDataDir();
    loadSecretKey({ secretKey: randomBytes(32).toString('base64url'), dataDir });
    expect(() => statSync(dataDir)).toThrow();
    expect(() => loadSecretKey({ secretKey: randomBytes(16).toString('base64'), dataDir })).toThrow(/32 bytes/);
  });
});
