import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

/**
 * PostgreSQL only: the table @socket.io/postgres-adapter keeps payloads in when they are too big for
 * NOTIFY. SQLite runs one process, so it needs no fan-out.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`create table if not exists socket_io_attachments (
    id bigserial unique,
    created_at timestamptz default now(),
    payload bytea
  )`.execute(db);
}
