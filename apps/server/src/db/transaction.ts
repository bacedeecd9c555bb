import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import { isRetryable } from './engine.js';
import type { Tables } from './schema.js';

export type Trx = Transaction<Tables>;

const MAX_ATTEMPTS = 8;

/** Runs work in one transaction, again from the start after a deadlock or serialization failure. */
export async function runTransaction<T>(database: Database, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
