// The naive way of SPEC §7, served like Caseflow for the intake benchmark: POST /api/v1/cases with a
// bearer token, then "read a free agent, then write" with no lock (apps/server/src/testing/naive-assignment.ts,
// the same code the concurrency test proves unsafe). Runs on a database Caseflow set up (agents, customers).
// Usage: npx tsx bench/naive-server.ts PORT DATA_DIR [DATABASE_URL]
import Fastify from 'fastify';
import { openDatabase } from '../apps/server/src/db/database.js';
import { findLiveSession } from '../apps/server/src/features/accounts/accounts.repository.js';
import { hashSecret } from '../apps/server/src/features/accounts/secrets.js';
import { naiveCreateCase } from '../apps/server/src/testing/naive-assignment.js';

const [port = '0', dataDir = './data', url] = process.argv.slice(2);
const database = openDatabase({ url: url || undefined, dataDir });

const app = Fastify();
app.post('/api/v1/cases', async (request, reply) => {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const session = await findLiveSession(database.db, hashSecret(token), Date.now());
  if (!session) return reply.code(401).send({ title: 'sign in to continue' });
  const id = await naiveCreateCase(database, session.userId);
  return reply.code(201).send({ id });
});
app.get('/readyz', async () => ({ ok: true }));
process.on('SIGTERM', () => void app.close().then(() => database.close()));
await app.listen({ port: Number(port), host: '127.0.0.1' });
