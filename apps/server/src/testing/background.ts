import type { TestServer } from './harness.js';
import { until } from './until.js';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  sentAt: string | null;
}

/** The mail captured for `email`, oldest first (GET /mail, as an admin). */
export async function mailTo(server: TestServer, adminToken: string, email: string): Promise<CapturedMail[]> {
  const reply = await server.call('GET', '/api/v1/mail?limit=100', { token: adminToken });
  if (reply.status !== 200) throw new Error(`GET /mail: ${reply.status}`);
  return (reply.body.items as CapturedMail[]).filter((mail) => mail.to === email).reverse();
}

/** Every committed event dispatched and every job done: only then can a test say that no mail was sent. */
export async function untilBackgroundIdle(server: TestServer) {
  const db = server.ctx.database.db;
  await until('the background work to finish', async () => {
    // In this order: the dispatch that marks a row writes its jobs in the same commit.
    const undispatched = await db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute();
    if (undispatched.length > 0) return false;
    const queued = await db.selectFrom('jobs').select('id').where('status', '=', 'queued').execute();
    return queued.length === 0;
  });
}
