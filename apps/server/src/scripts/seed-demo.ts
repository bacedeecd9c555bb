// `npm run seed:demo`: fills the configured database (the server's own) with a demo shop.
import { performance } from 'node:perf_hooks';
import { createContext } from '../bootstrap.js';
import { loadConfigOrExit } from '../config.js';
import { DEMO_DOMAIN } from './demo-accounts.js';
import { type DemoLogin, type SeedDemoResult, type SeedProgress, seedDemo } from './demo-shop.js';

const config = loadConfigOrExit();

const isTerminal = process.stdout.isTTY === true;
let lastLine = '';

/** One rewritten line on a terminal; in a log or CI, a line at every tenth step so the output stays short. */
function showProgress({ step, done, total }: SeedProgress) {
  const line = `Seeding… ${step} ${done}/${total}`;
  if (isTerminal) {
    process.stdout.write(`\r\x1b[2K${line}`);
    lastLine = line;
  } else if (done === total || done % 10 === 0) {
    console.log(line);
  }
}

function endProgressLine() {
  if (isTerminal && lastLine) process.stdout.write('\r\x1b[2K');
}

const describeLogin = (login: DemoLogin) =>
  `  ${login.role.padEnd(10)}${login.email} / ${login.password ?? '(the ADMIN_PASSWORD you configured)'}`;

function printSummary(result: SeedDemoResult, seconds: string, engine: string) {
  const counts = result.statusCounts;
  const total = counts.new + counts.open + counts.pending + counts.resolved;
  if (result.alreadySeeded) {
    console.log(`The demo shop is already seeded (${engine}); nothing was added.`);
  } else if (result.created.cases === 0) {
    console.log(`Added ${result.created.articles} help articles to the demo shop (${engine}).`);
  } else {
    const { agents, agentsAway, customers, cases, pastCases, returns } = result.created;
    console.log(`Demo shop seeded in ${seconds} s (${engine}).`);
    console.log(
      `  Created ${agents} agents (${agentsAway} away), ${customers} customers, ${cases} cases (${returns} returns under way or done), ${pastCases} resolved cases of the last 30 days and ${result.created.articles} help articles.`,
    );
  }
  console.log(
    `  Cases in the database: ${total}: new ${counts.new}, open ${counts.open}, pending ${counts.pending}, resolved ${counts.resolved}.`,
  );
  console.log(`Sign in at ${config.publicUrl} as:`);
  for (const login of result.logins) console.log(describeLogin(login));
  console.log(`  Every agent is <firstname>@${DEMO_DOMAIN}, every customer <firstname>.<lastname>@${DEMO_DOMAIN}.`);
}

const started = performance.now();
const ctx = await createContext(config, { log: { error: (details, message) => console.error(message, details) } });
try {
  const result = await seedDemo(ctx, { onProgress: showProgress });
  endProgressLine();
  printSummary(result, ((performance.now() - started) / 1000).toFixed(1), ctx.database.engine);
} catch (error) {
  endProgressLine();
  console.error('Seeding failed:', error);
  process.exitCode = 1;
} finally {
  await ctx.database.close();
}
