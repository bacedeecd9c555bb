import { invalid } from './app-error.js';

const notACursor = () => invalid('cursor', 'not a cursor returned by this API');

// Ids are positive 32-bit integers: anything else was not issued by this API.
function toId(digits: string | undefined): number {
  const id = digits === undefined ? Number.NaN : Number(digits);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw notACursor();
  return id;
}

const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** Opaque keyset cursors: the id to continue after, base64url-encoded. */
export function encodeCursor(id: number): string {
  return Buffer.from(`v1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  return toId(/^v1:(\d{1,10})$/.exec(decode(cursor))?.[1]);
}

export type QueueKey = { priority: number; createdAt: number; id: number };

/** For the queue's order (priority, then age, then id): the last row's three keys. */
export function encodeQueueCursor(row: QueueKey): string {
  return Buffer.from(`q1:${row.priority}:${row.createdAt}:${row.id}`).toString('base64url');
}

export function decodeQueueCursor(cursor: string | undefined): QueueKey | undefined {
  if (cursor === undefined) return undefined;
  const match = /^q1:([0-3]):(\d{1,15}):(\d{1,10})$/.exec(decode(cursor));
  const id = toId(match?.[3]);
  return { priority: Number(match?.[1]), createdAt: Number(match?.[2]), id };
}

export type NameKey = { name: string; id: number };

/** For lists ordered by name, then id: the last row's name and id, so equal names page exactly. */
export function encodeNameCursor(row: NameKey): string {
  return Buffer.from(`n1:${row.id}:${row.name}`).toString('base64url');
}

export function decodeNameCursor(cursor: string | undefined): NameKey | undefined {
  if (cursor === undefined) return undefined;
  const match = /^n1:(\d{1,10}):(.*)$/s.exec(decode(cursor));
  const id = toId(match?.[1]);
  const name = match?.[2] ?? '';
  // PostgreSQL text cannot hold NUL: a forged name with one would be a 500, not a 422.
  if (name.includes('\u0000')) throw notACursor();
  return { name, id };
}

/** Fetches limit + 1 rows to know whether another page exists. */
export function toPage<T extends { id: number }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
  cursorOf: (row: T) => string = (row) => encodeCursor(row.id),
) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(map), nextCursor: hasMore && last ? cursorOf(last) : null };
}
