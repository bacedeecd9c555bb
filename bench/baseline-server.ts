// The same-run baseline of SPEC §7: Fastify + one SQLite insert per POST, nothing else (no auth,
// no validation beyond JSON parsing, no assignment). Caseflow's intake is reported as a ratio to it.
// Usage: npx tsx bench/baseline-server.ts PORT DATA_FILE
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const file = process.argv[3] ?? ':memory:';
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'create table if not exists cases (id integer primary key autoincrement, subject text not null, description text not null, created_at integer not null)',
);
const insert = db.prepare('insert into cases (subject, description, created_at) values (?, ?, ?) returning id');

const app = Fastify();
app.post('/api/v1/cases', async (request, reply) => {
  const body = request.body as { subject: string; description: string };
  const row = insert.get(body.subject, body.description, Date.now()) as { id: number };
  return reply.code(201).send({ id: row.id, subject: body.subject, status: 'new' });
});
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port, host: '127.0.0.1' });
