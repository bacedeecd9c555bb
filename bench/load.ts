// Fills a database for the scale benchmark (SPEC §7: 1,000,000 cases, 10,000 agents).
// Usage: npx tsx bench/load.ts --cases 1000000 --agents 10000 [--customers 100000] [--postgres URL] --data-dir DIR
// Every loaded user's password is SCALE_PASSWORD in bench/lib/bulk-load.ts (one shared scrypt hash).

import { parseArgs } from 'node:util';
import { bulkLoad, progressBar } from './lib/bulk-load.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '10000' },
    customers: { type: 'string' },
    postgres: { type: 'string' },
    'data-dir': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const cases = Number(values.cases);
if (!values.postgres && !values['data-dir']) throw new Error('give --data-dir DIR (SQLite) or --postgres URL');
const summary = await bulkLoad({
  cases,
  agents: Number(values.agents),
  customers: Number(values.customers ?? Math.max(1, Math.round(cases / 10))),
  databaseUrl: values.postgres,
  dataDir: values['data-dir'] ?? '.',
  seed: Number(values.seed),
  onProgress: progressBar(cases),
});
console.log(JSON.stringify({ ...summary, rowsPerSecond: Math.round(summary.totalRows / summary.seconds) }));
