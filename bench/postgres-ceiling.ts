// What PostgreSQL itself can do on this machine with Caseflow's intake writes, with no Node.js in the
// way: pgbench (C, the PostgreSQL project's own load tool) replays the statements of the intake's
// batches (postgres-ceiling/intake-batch.sql) against Caseflow's schema, agents and customers. It puts
// the intake figure of `bench/intake.ts --postgres` in proportion: Caseflow cannot assign faster than
// its database can take the writes. Two clients by default: two server processes write one batch each.
// Usage: npx tsx bench/postgres-ceiling.ts --postgres URL [--seconds 10] [--clients 2] [--batch 16]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { createScratchDatabase, runStatement } from './lib/postgres.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '2' },
    batch: { type: 'string', default: '16' },
  },
});
if (!values.postgres) throw new Error('--postgres URL is required');
if (spawnSync('pgbench', ['--version']).status !== 0) {
  throw new Error('pgbench is not installed (Debian: apt-get install postgresql-client)');
}

const AGENTS = 4_000;
const CUSTOMERS = 64;

/**
 * Caseflow's own migrations, then agents at capacity 50 in the default team and customers, as the
 * intake benchmark has them (more agents: pgbench is faster).
 */
async function seed(url: string) {
  const database = openDatabase({ url, dataDir: '' });
  await migrateToLatest(database);
  await database.close();
  await runStatement(
    url,
    `insert into users (email, name, role, created_at, updated_at)
       select 'agent' || n || '@ceiling.test', 'Agent ' || n, 'agent', 0, 0 from generate_series(1, ${AGENTS}) n;
     insert into agents (user_id, capacity, availability, last_assigned_at, created_at, updated_at)
       select id, 50, 'available', 0, 0, 0 from users where role = 'agent';
     insert into team_members (team_id, agent_id, created_at)
       select (select id from teams where is_default = 1), user_id, 0 from agents;
     insert into users (email, name, role, created_at, updated_at)
       select 'customer' || n || '@ceiling.test', 'Customer ' || n, 'customer', 0, 0 from generate_series(1, ${CUSTOMERS}) n;
     analyze users, agents, teams, team_members, team_categories;`,
  );
}

/** Runs the intake's batches with pgbench: transactions per second, and how many it completed. */
function runPgbench(url: string, customers: { first: number; last: number }, teamId: number) {
  const result = spawnSync(
    'pgbench',
    [
      // Named prepared statements, as Caseflow's server sends them (db/database.ts).
      ...['-n', '-M', 'prepared', '-c', values.clients, '-j', '2', '-T', values.seconds],
      ...['-D', `batch=${values.batch}`, '-D', `first_customer=${customers.first}`],
      ...['-D', `last_customer=${customers.last}`, '-D', `team=${teamId}`],
      ...['-f', fileURLToPath(new URL('postgres-ceiling/intake-batch.sql', import.meta.url))],
      url,
    ],
    { encoding: 'utf8' },
  );
  const tps = /tps = ([\d.]+)/.exec(result.stdout)?.[1];
  const processed = /number of transactions actually processed: (\d+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || tps === undefined || processed === undefined) {
    throw new Error(`pgbench failed:\n${result.stdout}\n${result.stderr}`);
  }
  return { transactionsPerSecond: Number(tps), transactions: Number(processed) };
}

const scratch = await createScratchDatabase(values.postgres, 'caseflow_ceiling');
const database = openDatabase({ url: scratch.url, dataDir: '' });
try {
  await seed(scratch.url);
  const range = await database.db
    .selectFrom('users')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
    .where('role', '=', 'customer')
    .executeTakeFirstOrThrow();
  const team = await database.db.selectFrom('teams').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
  const run = runPgbench(scratch.url, { first: Number(range.first), last: Number(range.last) }, team.id);
  // Every transaction must have written its batch of assigned cases: none may count without its writes.
  const assigned = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const batch = Number(values.batch);
  if (Number(assigned.count) !== run.transactions * batch) {
    throw new Error(`${run.transactions} transactions of ${batch} but ${assigned.count} assigned cases`);
  }
  const figures = { clients: Number(values.clients), seconds: Number(values.seconds), batch };
  console.log(JSON.stringify({ ...figures, casesPerSecond: Math.round(run.transactionsPerSecond * batch) }));
} finally {
  await database.close();
  await scratch.drop();
}
