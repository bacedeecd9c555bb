/**
 * SQLite binds at most 32,766 values in one statement and PostgreSQL 65,535: a multi-row insert whose
 * size depends on load (an outbox round fans out to thousands of deliveries) goes in slices below both.
 */
const MAX_BOUND_VALUES = 30_000;

export function slicesFor<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND_VALUES / columnsPerRow));
  const slices: T[][] = [];
  for (let start = 0; start < rows.length; start += size) slices.push(rows.slice(start, start + size));
  return slices;
}
