import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** A Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes. */
export const generateSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

function decodeKey(text: string, source: string): Buffer {
  const material = Buffer.from(text.trim(), 'base64');
  if (material.length < KEY_BYTES) throw new Error(`${source} must hold at least ${KEY_BYTES} bytes in base64`);
  return material.length === KEY_BYTES ? material : createHash('sha256').update(material).digest();
}

function readOrCreateKeyFile(path: string): string {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link, unlike rename, never replaces a key another process created meanwhile and already uses.
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(path, 'utf8');
}

/**
 * The 32-byte key that seals stored webhook secrets: SECRET_KEY (base64; longer keys are hashed
 * down with SHA-256) if set, else `<dataDir>/secret.key`, created at first use (base64 of 32 random
 * bytes, mode 0600). Limits: anyone who can read the key file (or the environment)
 * and the database has the secrets; losing the key makes every stored secret unreadable.
 */
export function loadSecretKey(config: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (config.secretKey !== undefined) return decodeKey(config.secretKey, 'SECRET_KEY');
  // Kept beside, not in, the database: a copy of the database alone must not reveal webhook secrets.
  const path = join(config.dataDir, 'secret.key');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(config.dataDir, { recursive: true });
    text = readOrCreateKeyFile(path);
  }
  return decodeKey(text, path);
}

/**
 * AES-256-GCM with a random 12-byte IV: `v1.<iv>.<tag>.<ciphertext>`, each base64url. Limit: the
 * sealed text is not bound to its row, so someone able to write the database could swap two
 * endpoints' sealed secrets; it hides secrets, it does not authenticate where they are stored.
 */
export function sealSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.');
}

/** Opens what `sealSecret` made; throws if the text was altered or the key is not the one that sealed it. */
export function openSecret(sealed: string, key: Buffer): string {
  const [version, ivText, tagText, ciphertextText, ...rest] = sealed.split('.');
  if (
    version !== VERSION ||
    ivText === undefined ||
    tagText === undefined ||
    ciphertextText === undefined ||
    rest.length > 0
  ) {
    throw new Error('sealed secret is malformed');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error('sealed secret was altered or sealed with another key');
  }
}
