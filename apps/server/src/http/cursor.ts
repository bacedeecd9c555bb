import { AppError } from './app-error.js';

/** Opaque keyset cursors: the id to continue after, base64url-encoded. */
export function encodeCursor(id: number): string {
  return Buffer.from(`v1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^v1:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match ? Number(match[1]) : Number.NaN;
  // Ids are positive 32-bit integers: anything else was not issued by this API.
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new AppError('validation_failed', 'cursor: not a cursor returned by this API', [
      { path: 'cursor', message: 'not a cursor returned by this API' },
    ]);
  }
  return id;
}

/** Fetches limit + 1 rows to know whether another page exists. */
export function toPage<T extends { id: number }, R>(rows: T[], limit: number, map: (row: T) => R) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(last.id) : null };
}
