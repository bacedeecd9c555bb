// What PostgreSQL itself can do on this machine with Caseflow's intake writes, with no Node.js in the
// way: pgbench (C, the PostgreSQL project's own load tool) replays the intake's statements
// (postgres-ceiling/statements.sql) and the same writes folded into one statement
// (postgres-ceiling/one-statement.sql) against Caseflow's schema, 1,600 agents and 64 customers.
// It puts the intake figure of `bench/intake.ts --postgres` in proportion: Caseflow cannot assign
// faster than its database can take the writes.
// Usage: npx tsx bench/postgres-ceiling.ts --postgres URL [--seconds 10] [--clients 32]
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
    clients: { type: 'string', default: '32' },
  },
});
if (!values.postgres) throw new Error('--postgres URL is required');
if (spawnSync('pgbench', ['--version']).status !== 0) {
  throw new Error('pgbench is not installed (Debian: apt-get install postgresql-client)');
}

/** Each script, and the key its cases per second are reported under. */
const scripts = { statements: 'casesPerSecondAsStatements', 'one-statement': 'casesPerSecondAsOneStatement' } as const;
type Script = keyof typeof scripts;
const AGENTS = 1_600;
const CUSTOMERS = 64;

/** Caseflow's own migrations, then agents at capacity 50 and customers, as the intake benchmark has them. */
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
     insert into users (email, name, role, created_at, updated_at)
       select 'customer' || n || '@ceiling.test', 'Customer ' || n, 'customer', 0, 0 from generate_series(1, ${CUSTOMERS}) n;
     analyze;`,
  );
}

/** Runs one script with pgbench: its transactions per second, and how many it completed. */
function runPgbench(url: string, script: Script, customers: { first: number; last: number }) {
  const result = spawnSync(
    'pgbench',
    [
      // Named prepared statements, as Caseflow's server sends them (db/database.ts).
      ...['-n', '-M', 'prepared', '-c', values.clients, '-j', '2', '-T', values.seconds],
      ...['-D', `first_customer=${customers.first}`, '-D', `last_customer=${customers.last}`],
      ...['-f', fileURLToPath(new URL(`postgres-ceiling/${script}.sql`, import.meta.url))],
      url,
    ],
    { encoding: 'utf8' },
  );
  const tps = /tps = ([\d.]+)/.exec(result.stdout)?.[1];
  const processed = /number of transactions actually processed: (\d+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || tps === undefined || processed === undefined) {
    throw new Error(`pgbench ${script} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return { casesPerSecond: Math.round(Number(tps)), transactions: Number(processed) };
}

const figures: Record<string, unknown> = { clients: Number(values.clients), seconds: Number(values.seconds) };
for (const script of Object.keys(scripts) as Script[]) {
  // A fresh database per script: the second does not start with the first one's cases and load.
  const scratch = await createScratchDatabase(values.postgres, 'caseflow_ceiling');
  const database = openDatabase({ url: scratch.url, dataDir: '' });
  try {
    await seed(scratch.url);
    const range = await database.db
      .selectFrom('users')
      .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
      .where('role', '=', 'customer')
      .executeTakeFirstOrThrow();
    const run = runPgbench(scratch.url, script, { first: Number(range.first), last: Number(range.last) });
    // Every transaction must have written an assigned case: none may count without its writes.
    const assigned = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    if (Number(assigned.count) !== run.transactions) {
      throw new Error(`${script}: ${run.transactions} transactions but ${assigned.count} assigned cases`);
    }
    figures[scripts[script]] = run.casesPerSecond;
  } finally {
    await database.close();
    await scratch.drop();
  }
}
console.log(JSON.stringify(figures));
