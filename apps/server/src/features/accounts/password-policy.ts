import { invalid } from '../../http/app-error.js';

let commonPasswords: Set<string> | undefined;

/** The ~49k most common passwords (zxcvbn-ts list), loaded on first use so idle servers do not hold them. */
async function loadCommonPasswords(): Promise<Set<string>> {
  if (!commonPasswords) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    commonPasswords = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));
  }
  return commonPasswords;
}

/**
 * Length (≥ 10) is checked by the contract schema; this also refuses blank padding and passwords on
 * the common-password list, which are the first ones guessed. It cannot judge how personal or reused a password is.
 */
export async function assertAcceptablePassword(password: string, path = 'password'): Promise<void> {
  if (password.trim().length < 10) throw invalid(path, 'needs at least 10 characters besides spaces');
  if ((await loadCommonPasswords()).has(password.toLowerCase())) {
    throw invalid(path, 'is one of the most common passwords; choose another');
  }
}
